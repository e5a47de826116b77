import { z } from "zod";
import { jsonObject } from "./device-registration";

// A device's config (Xyte's Get/Set Config): a JSON object with a version
// that only grows. The portal sets the desired one; the device reports the
// version it applied.

const MAX_CONFIG_BYTES = 64 * 1024;

export const configObjectSchema = jsonObject(MAX_CONFIG_BYTES);

/** Config JSON text from a form or a file. */
export const configTextSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `not valid JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(configObjectSchema);

export const setDeviceConfigFormSchema = z.object({
  deviceId: z.uuid({ error: "Device is required" }),
  config: configTextSchema,
});

/** A model's default config; empty text removes it. */
export const setModelDefaultConfigFormSchema = z.object({
  modelId: z.string().min(1, "Model is required"),
  config: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    configTextSchema.nullable(),
  ),
});

const version = z
  .union([z.number().int("must be a whole number"), z.string().regex(/^\d+$/, "must be a whole number")], {
    error: "must be a whole number",
  })
  .transform(Number)
  .pipe(z.number().min(0, "must not be negative").max(2_147_483_647, "is too large"));

/**
 * What a device reports after applying a config (POST .../config, MQTT
 * .../config/update). Xyte's current form is the Get Config answer
 * {version, last_updated, config}; before API 1.0.5 the fields stood beside
 * the version, so both are accepted.
 */
export const configReportSchema = z
  .looseObject({ version })
  .transform(({ version, config, last_updated: _lastUpdated, device_id: _deviceId, name: _name, ...rest }) => ({
    version,
    config: (config !== undefined ? config : rest) as unknown,
  }))
  .pipe(z.object({ version: z.number(), config: configObjectSchema }));
export type ConfigReport = z.output<typeof configReportSchema>;

/** The config as a device reads it (Get Config, and the MQTT config topic). */
export type DeviceConfigPayload = {
  version: number;
  last_updated: string;
  config: Record<string, unknown>;
  device_id: string;
};
