import { z } from "zod";
import { signUpSchema } from "./auth";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(128),
    newPassword: signUpSchema.shape.password,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ["newPassword"],
    error: "Choose a password different from the current one",
  });
