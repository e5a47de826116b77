"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { resetPasswordSchema } from "@/lib/schemas/auth";
import { auth } from "../../auth/auth";
import { toFieldErrors } from "@/lib/action-result";
import { passwordProblem } from "../../auth/password-policy";

/** Sets a new password with an emailed reset token; better-auth ends every session of the user. */
export async function resetPasswordAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = resetPasswordSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
  }
  const weak = passwordProblem(parsed.data.newPassword);
  if (weak) return { ok: false, message: "Check the highlighted fields.", fieldErrors: { newPassword: [weak] } };
  try {
    await auth.api.resetPassword({ body: parsed.data, headers: await headers() });
  } catch (error) {
    if (error instanceof APIError && error.statusCode === 429) return { ok: false, message: error.message };
    // INVALID_TOKEN: used, expired or never issued.
    if (error instanceof APIError) {
      return {
        ok: false,
        message: "This reset link is no longer valid: it was used or has expired. Ask for a new one.",
      };
    }
    throw error;
  }
  redirect("/sign-in?reset=done");
}
