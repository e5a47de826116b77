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
  // Partner Hub has no spaces and no parent devices: accepted so that Xyte
  // firmware works unchanged, and not stored.
  space_version: z.union([z.string(), z.number()], { error: "must be a string or a number" }).optional(),
  parent_id: z.uuid({ error: "must be a device id" }).optional(),
});
export type DeviceUpdate = z.output<typeof deviceUpdateSchema>;
