"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { acceptWithSignUpSchema } from "@/lib/schemas/members";
import { auth } from "../../auth/auth";
import { callAuth } from "../../auth/auth-errors";
import { getInvitation } from "../../data/members/get-invitation";
import { recordJoin } from "../../data/members/record-join";
import { toFailure } from "../partner-action";
import { toFieldErrors } from "@/lib/action-result";
import { passwordProblem } from "../../auth/password-policy";

/** The session cookies a better-auth response set, as a request's Cookie header. */
const cookieHeader = (response: Headers) =>
  response
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

/**
 * A new account from an invitation link: signs up with the invitation's own
 * email (never the form's say), then accepts it in the new session. The
 * account joins the inviting partner only; it creates no partner of its own.
 */
export async function acceptInvitationWithSignUpAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const parsed = acceptWithSignUpSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
  }
  const { invitationId, name, password } = parsed.data;
  try {
    const invitation = await getInvitation({ invitationId });
    if (invitation?.state !== "pending") {
      return { ok: false, message: "This invitation link is no longer valid: it was used, canceled or has expired." };
    }
    const weak = passwordProblem(password, [name, invitation.email]);
    if (weak) return { ok: false, message: "Check the highlighted fields.", fieldErrors: { password: [weak] } };
    const requestHeaders = await headers();
    let signedUp: Awaited<ReturnType<typeof signUp>>;
    try {
      signedUp = await signUp(invitation.email, name, password, requestHeaders);
    } catch (error) {
      if (error instanceof APIError && String(error.body?.code).startsWith("USER_ALREADY_EXISTS")) {
        return { ok: false, message: `An account for ${invitation.email} exists already: sign in to accept.` };
      }
      throw error;
    }
    const sessionHeaders = new Headers(requestHeaders);
    sessionHeaders.set("cookie", cookieHeader(signedUp.headers));
    await callAuth(() => auth.api.acceptInvitation({ body: { invitationId }, headers: sessionHeaders }));
    await recordJoin({ invitation, user: signedUp.response.user, ip: requestHeaders.get(CLIENT_ADDRESS_HEADER) });
  } catch (error) {
    return toFailure(error);
  }
  redirect("/");
}

function signUp(email: string, name: string, password: string, requestHeaders: Headers) {
  return callAuth(() =>
    auth.api.signUpEmail({ body: { name, email, password }, headers: requestHeaders, returnHeaders: true }),
  );
}
