"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { requestPasswordResetSchema } from "@/lib/schemas/auth";
import { auth } from "../../auth/auth";
import { isMailConfigured } from "../../mail/send-mail";
import { PASSWORD_RESET_EXPIRY_MINUTES } from "../../mail/password-reset-mail";
import { RESET_PASSWORD_PAGE } from "../../auth/password-reset";
import { toFieldErrors } from "@/lib/action-result";

/** Emails a reset link when an account uses the address; the answer is the same when none does. */
export async function requestPasswordResetAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  if (!isMailConfigured()) {
    return { ok: false, message: "Password reset by email is off: this portal has no outgoing mail (SMTP_URL)." };
  }
  const parsed = requestPasswordResetSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
  }
  try {
    await auth.api.requestPasswordReset({
      body: { email: parsed.data.email, redirectTo: RESET_PASSWORD_PAGE },
      headers: await headers(),
    });
  } catch (error) {
    // "Too many attempts; try again in N minutes", counted alike for known and unknown addresses.
    if (error instanceof APIError && error.statusCode === 429) return { ok: false, message: error.message };
    throw error;
  }
  return {
    ok: true,
    data: null,
    message: `If an account uses ${parsed.data.email}, we emailed it a link to set a new password. The link works once, for ${PASSWORD_RESET_EXPIRY_MINUTES} minutes.`,
  };
}
