"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { changePasswordSchema } from "@/lib/schemas/account";
import { auth } from "../../auth/auth";
import { forgiveAuthAttempt, takeAuthAttempt } from "../../auth/auth-attempts";
import { asAppError } from "../../errors";
import { forgetViewer } from "../../viewer-cache";
import { toFieldErrors } from "@/lib/action-result";
import { passwordProblem } from "../../auth/password-policy";

/**
 * Changes the signed-in user's password and ends their other sessions at
 * once (better-auth checks the current password). Guessing the current
 * password is throttled like sign-in: a stolen session must not be a free
 * password oracle.
 */
export async function changePasswordAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = changePasswordSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
  }
  const requestHeaders = await headers();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return { ok: false, message: "Sign in again first." };
  const attempt = { account: session.user.email, address: requestHeaders.get(CLIENT_ADDRESS_HEADER) ?? undefined };
  const weak = passwordProblem(parsed.data.newPassword, [session.user.name, session.user.email]);
  if (weak) return { ok: false, message: "Check the highlighted fields.", fieldErrors: { newPassword: [weak] } };
  try {
    await takeAuthAttempt(attempt);
  } catch (error) {
    const limited = asAppError(error);
    if (limited?.code === "RATE_LIMITED") return { ok: false, message: limited.message };
    throw error;
  }
  try {
    await auth.api.changePassword({ body: { ...parsed.data, revokeOtherSessions: true }, headers: requestHeaders });
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
  await forgiveAuthAttempt(attempt);
  // better-auth ended the other sessions in the database; what this process
  // cached of them goes too, so they stop now rather than when the cache expires.
  forgetViewer(session.user.id);
  return { ok: true, data: null, message: "Password changed; your other sessions were ended" };
}
