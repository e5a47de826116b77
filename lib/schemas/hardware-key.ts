import { z } from "zod";

export const createHardwareKeySchema = z.object({
  modelId: z.string().min(1, "Model is required"),
  label: z
    .string({ error: "Label is required" })
    .trim()
    .min(1, "Label is required")
    .max(60, "Label must be at most 60 characters"),
  // Optional: "" from an empty field means "not planned".
  expectedDevices: z
    .union([z.literal("").transform(() => null), z.coerce.number({ error: "Enter a number" })])
    .optional()
    .transform((v) => v ?? null)
    .pipe(
      z
        .number()
        .int("Enter a whole number")
        .min(1, "At least 1 device")
        .max(10_000_000, "At most 10,000,000 devices")
        .nullable(),
    ),
});
export type CreateHardwareKeyInput = z.output<typeof createHardwareKeySchema>;

export const revokeHardwareKeySchema = z.object({
  keyId: z.string().min(1, "Key is required"),
});
