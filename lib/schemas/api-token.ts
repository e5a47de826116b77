import { z } from "zod";
import { ROLES } from "@/lib/auth/policy";

export const createApiTokenSchema = z.object({
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name is required")
    .max(60, "Name must be at most 60 characters"),
  role: z.enum(ROLES, { error: `Role is one of ${ROLES.join(", ")}` }),
  // Optional: "" means "never expires"; otherwise whole days from now.
  expiresInDays: z
    .union([z.literal("").transform(() => null), z.coerce.number({ error: "Enter a number of days" })])
    .optional()
    .transform((value) => value ?? null)
    .pipe(z.number().int("Enter whole days").min(1, "At least 1 day").max(3_650, "At most 3650 days").nullable()),
});
export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: z.string().min(1, "Token is required") });
