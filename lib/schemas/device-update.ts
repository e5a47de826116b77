import { z } from "zod";
import { firmwareVersion, jsonObject, text } from "./device-registration";

// Update Device (PUT /v1/devices/{id}): what Xyte's model API 1.0.6 accepts,
// and nothing else (an unknown field is a 400 that names it).
export const deviceUpdateSchema = z.strictObject({
  firmware_version: firmwareVersion.optional(),
  name: text(128).optional(),
  sub_model: text(128).optional(),
  details: jsonObject(16_384).optional(),
  config_version: z
    .union([z.number().int().min(0), z.string().regex(/^\d+$/)], { error: "must be a whole number" })
    .transform(Number)
    .optional(),
  host_address: text(255).optional(),
  // Xyte's space data version (a counter Xyte's spaces keep) and the
  // gateway a child device sits behind: kept and shown as the device says.
  space_version: z
    .union([z.string().max(64, "must be at most 64 characters"), z.number().int().min(0)], {
      error: "must be a string or a whole number",
    })
    .transform(String)
    .optional(),
  parent_id: z.uuid({ error: "must be a device id" }).nullable().optional(),
});
export type DeviceUpdate = z.output<typeof deviceUpdateSchema>;

/**
 * A member's edit of a device's name and details (the device page's Edit
 * dialog): empty clears them. Details are a JSON object, as the device sends them.
 */
export const editDeviceSchema = z.object({
  deviceId: z.string().min(1, "Device is required"),
  name: z
    .string()
    .trim()
    .max(128, "Name must be at most 128 characters")
    .transform((value) => value || null),
  details: z
    .string()
    .trim()
    .max(16_384, "Details must be at most 16 KiB")
    .transform((value, context) => {
      if (!value) return null;
      try {
        const parsed: unknown = JSON.parse(value);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return value;
      } catch {
        // Said below.
      }
      context.addIssue({ code: "custom", message: 'Details must be a JSON object, like {"room": "4.12"}' });
      return z.NEVER;
    }),
});
export type EditDevice = z.output<typeof editDeviceSchema>;
