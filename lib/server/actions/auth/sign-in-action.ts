"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { signInSchema } from "@/lib/schemas/auth";
import { auth } from "../../auth/auth";
import { toFieldErrors } from "@/lib/action-result";

export async function signInAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
  }
  try {
    const { email, password } = parsed.data;
    await auth.api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch (error) {
    // "Too many attempts; try again in N minutes" (lib/server/auth/auth-attempts.ts).
    if (error instanceof APIError && error.statusCode === 429) return { ok: false, message: error.message };
    // One message for unknown email and wrong password: no account probing.
    if (error instanceof APIError) return { ok: false, message: "Email or password is incorrect." };
    throw error;
  }
  redirect(parsed.data.next ?? "/");
}
