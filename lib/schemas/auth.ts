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
  // Where to go after signing in: a path on this site only ("//x" and "/\\x" leave it).
  next: z
    .string()
    .regex(/^\/(?![/\\])/)
    .optional()
    .catch(undefined),
});

export const requestPasswordResetSchema = z.object({ email });

export const resetPasswordSchema = z.object({
  // better-auth's single-use reset token, from the emailed link.
  token: z.string().trim().min(1, "This reset link is incomplete: open it again from the email").max(200),
  newPassword: signUpSchema.shape.password,
});
