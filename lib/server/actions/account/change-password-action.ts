"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { changePasswordSchema } from "@/lib/schemas/account";
import { auth } from "../../auth";
import { toFieldErrors } from "../partner-action";

/** Changes the signed-in user's password and ends their other sessions (better-auth checks the current one). */
export async function changePasswordAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = changePasswordSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
  }
  try {
    await auth.api.changePassword({ body: { ...parsed.data, revokeOtherSessions: true }, headers: await headers() });
  } catch (error) {
    if (error instanceof APIError && error.statusCode === 401) return { ok: false, message: "Sign in again first." };
    if (error instanceof APIError) {
      return {
        ok: false,
        message: "The current password is not right.",
        fieldErrors: { currentPassword: ["Not your current password"] },
      };
    }
    throw error;
  }
  return { ok: true, data: null, message: "Password changed; your other sessions were ended" };
}
