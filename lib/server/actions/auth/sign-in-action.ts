"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataToObject, type ActionResult } from "@/lib/action-result";
import { signInSchema } from "@/lib/schemas/auth";
import { auth } from "../../auth";
import { toFieldErrors } from "../partner-action";

export async function signInAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
  }
  try {
    await auth.api.signInEmail({ body: parsed.data, headers: await headers() });
  } catch (error) {
    // One message for unknown email and wrong password: no account probing.
    if (error instanceof APIError) return { ok: false, message: "Email or password is incorrect." };
    throw error;
  }
  const next = String(formData.get("next") ?? "");
  redirect(next.startsWith("/") && !next.startsWith("//") ? next : "/models");
}
