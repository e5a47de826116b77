"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { invitationIdSchema } from "@/lib/schemas/members";
import { auth } from "../../auth/auth";
import { callAuth } from "../../auth/auth-errors";
import { getInvitation } from "../../data/members/get-invitation";
import { recordJoin } from "../../data/members/record-join";
import { forgetViewer } from "../../viewer-cache";
import { toFailure } from "../partner-action";

/**
 * The signed-in invitee accepts: better-auth checks that the invitation is
 * pending, unexpired and addressed to this account's email, adds the member
 * with its role and makes that partner the session's active one.
 */
export async function acceptInvitationAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const parsed = invitationIdSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, message: "This invitation link is not valid." };
  try {
    const requestHeaders = await headers();
    const session = await auth.api.getSession({ headers: requestHeaders });
    if (!session) return { ok: false, message: "Sign in first, with the address the invitation was sent to." };
    const invitation = await getInvitation(parsed.data);
    await callAuth(() => auth.api.acceptInvitation({ body: parsed.data, headers: requestHeaders }));
    forgetViewer(session.user.id);
    if (invitation) await recordJoin({ invitation, user: session.user, ip: requestHeaders.get(CLIENT_ADDRESS_HEADER) });
  } catch (error) {
    return toFailure(error);
  }
  redirect("/");
}
