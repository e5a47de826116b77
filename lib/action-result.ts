import type { z } from "zod";

// The one shape every server action returns, so forms handle results alike.
// Expected failures come back as { ok: false }; unexpected ones are thrown.
export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = null> =
  { ok: true; data: T; message?: string } | { ok: false; message: string; fieldErrors?: FieldErrors };

/** Form fields as a plain object, without React's internal $ACTION fields. */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION")) out[key] = value;
  }
  return out;
}

/** Zod issues as { field: [messages] }, for errors under form fields. */
export function toFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
