"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { signUpSchema } from "@/lib/schemas/auth";
import { auth } from "../../auth/auth";
import { giveNewUserAPartner } from "../../data/account/give-new-user-a-partner";
import { toFieldErrors } from "@/lib/action-result";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { passwordProblem } from "../../auth/password-policy";
import { signUpByMail } from "../../auth/sign-up-by-mail";
import { isMailConfigured } from "../../mail/send-mail";
import { asAppError } from "../../errors";

/**
 * Creates the user and makes them owner of a new partner. With outgoing mail,
 * the answer is the same for a known address (sign-up-by-mail.ts) and the
 * account is signed in from the emailed link; without, there is no other way
 * to tell its owner, so a known address is said and a new account signed in.
 */
export async function signUpAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signUpSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
  }
  const { name, email, password, partnerName } = parsed.data;
  const weak = passwordProblem(password, [name, email, partnerName]);
  if (weak) return { ok: false, message: "Check the highlighted fields.", fieldErrors: { password: [weak] } };
  if (isMailConfigured()) {
    try {
      const address = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? undefined;
      await signUpByMail({ name, email, password, partnerName, address });
    } catch (error) {
      const limited = asAppError(error);
      if (limited?.code === "RATE_LIMITED") return { ok: false, message: limited.message };
      throw error;
    }
    return {
      ok: true,
      data: null,
      message: `We emailed ${email} a link to finish signing up. If the address has an account already, the email says so instead.`,
    };
  }
  let userId: string;
  try {
    const result = await auth.api.signUpEmail({ body: { name, email, password }, headers: await headers() });
    userId = result.user.id;
  } catch (error) {
    if (error instanceof APIError && String(error.body?.code).startsWith("USER_ALREADY_EXISTS")) {
      return {
        ok: false,
        message: "That email is already registered.",
        fieldErrors: { email: ["An account with this email already exists. Sign in instead."] },
      };
    }
    if (error instanceof APIError) return { ok: false, message: error.body?.message ?? "Sign-up failed." };
    throw error;
  }
  await giveNewUserAPartner(userId, partnerName);
  redirect("/");
}
