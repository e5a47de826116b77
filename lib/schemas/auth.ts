import { z } from "zod";

const email = z.email({ error: "Enter a valid email address" }).trim().toLowerCase().max(254);

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Your name is required").max(80),
  partnerName: z.string().trim().min(2, "Company name is required").max(80),
  email,
  password: z.string().min(10, "Use at least 10 characters").max(128, "Use at most 128 characters"),
});

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Password is required").max(128),
  // Where to go after signing in: a path on this site only, else the overview.
  next: z.string().max(2048).transform(toSameSitePath).optional().catch(undefined),
});

// Any origin will do as the base: a path keeps it, anything that leaves the
// site changes it. Browsers parse the target the same way (WHATWG URL: tabs
// and newlines dropped, "\\" read as "/"), so "/\t/evil.example" and
// "/\\evil.example", which they follow to another host, are refused too.
const PROBE_ORIGIN = "http://same-site.invalid";

/** `target` as a path on this site (pathname, query and fragment), or undefined when it would leave it. */
export function toSameSitePath(target: string): string | undefined {
  if (!target.startsWith("/")) return undefined;
  let url: URL;
  try {
    url = new URL(target, PROBE_ORIGIN);
  } catch {
    return undefined;
  }
  return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : undefined;
}

export const requestPasswordResetSchema = z.object({ email });

export const resetPasswordSchema = z.object({
  // better-auth's single-use reset token, from the emailed link.
  token: z.string().trim().min(1, "This reset link is incomplete: open it again from the email").max(200),
  newPassword: signUpSchema.shape.password,
});
