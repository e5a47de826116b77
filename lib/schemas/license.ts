import { z } from "zod";
import { text } from "./device-registration";

// Licences (Xyte): a partner defines licence types per model and issues
// licences to devices; the firmware fetches them when the telemetry answer's
// new_licenses is true, verifies the signature, applies or removes each, and
// reports its state.

export const LICENSE_STATES = ["pending", "inuse", "removed", "error"] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

/** Update License (POST /v1/devices/{id}/licenses): what the device did with one. */
export const licenseReportSchema = z.object({
  id: z.string({ error: "is required" }).min(1, "is required").max(100, "must be at most 100 characters"),
  state: z.enum(LICENSE_STATES, { error: `must be one of ${LICENSE_STATES.join(", ")}` }),
  error: z.string({ error: "must be a string" }).max(1_000, "must be at most 1,000 characters").nullish(),
});
export type LicenseReport = z.output<typeof licenseReportSchema>;

/** A licence as the device API gives it (Xyte's shape, with the exact text signed). */
export type LicenseAnswer = {
  id: string;
  device_id: string;
  type: string;
  data: Record<string, unknown>;
  /** The JSON text the signature covers: {license_id, device_id, type, data, expires_at}. */
  signed_data: string;
  /** Base64 RSA-SHA256 (PKCS#1 v1.5) of signed_data, by the partner's key (its public half is on the model page). */
  signature: string;
  add: boolean;
  remove: boolean;
  update: boolean;
  expires_at: string | null;
  state: LicenseState;
};

export const licenseTypeSchema = z.object({
  modelId: z.string().min(1, "Model is required"),
  name: z.string({ error: "Name is required" }).pipe(text(80)),
  description: z
    .string()
    .trim()
    .max(500, "Description must be at most 500 characters")
    .transform((value) => value || null)
    .optional()
    .transform((value) => value ?? null),
});
export type LicenseTypeInput = z.output<typeof licenseTypeSchema>;

/** The issue dialog: a type of the device's model, JSON data and an optional expiry (a date). */
export const issueLicenseSchema = z.object({
  deviceId: z.string().min(1, "Device is required"),
  typeId: z.string().min(1, "Choose a licence type"),
  data: z
    .string()
    .trim()
    .max(8_192, "Data must be at most 8 KiB")
    .transform((value, context) => {
      if (!value) return {};
      try {
        const parsed: unknown = JSON.parse(value);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
          return parsed as Record<string, unknown>;
      } catch {
        // Said below.
      }
      context.addIssue({ code: "custom", message: 'Data must be a JSON object, like {"seats": 10}' });
      return z.NEVER;
    }),
  expiresOn: z
    .string()
    .trim()
    .transform((value, context) => {
      if (!value) return null;
      const at = new Date(`${value}T23:59:59Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(at.getTime())) {
        context.addIssue({ code: "custom", message: "Expiry must be a date like 2027-12-31" });
        return z.NEVER;
      }
      if (at.getTime() < Date.now()) {
        context.addIssue({ code: "custom", message: "Expiry must not be in the past" });
        return z.NEVER;
      }
      return at;
    })
    .optional()
    .transform((value) => value ?? null),
});
export type IssueLicense = z.output<typeof issueLicenseSchema>;

export const revokeLicenseSchema = z.object({ licenseId: z.string().min(1, "Licence is required") });
