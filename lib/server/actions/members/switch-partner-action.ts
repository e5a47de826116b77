"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { switchPartnerSchema } from "@/lib/schemas/members";
import { auth } from "../../auth/auth";
import { callAuth } from "../../auth/auth-errors";
import { getViewer } from "../../auth/session";
import { forgetViewer } from "../../viewer-cache";
import { toFailure } from "../partner-action";

/** Makes another of the user's partners the session's active one (better-auth refuses a non-member). */
export async function switchPartnerAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = switchPartnerSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, message: "Choose a partner." };
  try {
    const viewer = await getViewer();
    if (!viewer) return { ok: false, message: "Your session has ended. Sign in again." };
    await callAuth(async () =>
      auth.api.setActiveOrganization({ body: { organizationId: parsed.data.partnerId }, headers: await headers() }),
    );
    forgetViewer(viewer.userId);
  } catch (error) {
    return toFailure(error);
  }
  redirect("/");
}
