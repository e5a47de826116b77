import { z } from "zod";

// SemVer 2.0.0 (semver.org's regular expression, without the optional "v").
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
// Six octets, ":" or "-" separated, or twelve bare hex digits.
const MAC = /^(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{12}$/;

/** A trimmed, non-empty string of printable characters, as every device-sent name and id. */
export const text = (max: number) =>
  z
    .string({ error: "must be a string" })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    // Control characters in identifiers end up in logs, CSV files and UIs.
    // eslint-disable-next-line no-control-regex -- matching them is the point
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters");

export const firmwareVersion = z
  .string({ error: "must be a string" })
  .trim()
  .max(64, "must be at most 64 characters")
  .regex(SEMVER, "must be SemVer like 1.2.3");

/** A JSON object of at most `maxBytes` as JSON text (device details, configs, command parameters). */
export const jsonObject = (maxBytes: number) =>
  z
    .record(z.string(), z.unknown(), { error: "must be a JSON object" })
    .refine((value) => JSON.stringify(value).length <= maxBytes, `must be at most ${maxBytes / 1024} KiB as JSON`);

/** "aa-bb-cc-dd-ee-ff", "AABBCCDDEEFF" → "AA:BB:CC:DD:EE:FF", so one MAC is one value. */
export const normalizeMac = (mac: string): string =>
  mac
    .replace(/[:-]/g, "")
    .toUpperCase()
    .replace(/(..)(?!$)/g, "$1:");

/**
 * The body of POST /v1/devices (Xyte-compatible). Unknown fields are dropped
 * by z.object, so they are ignored and never stored.
 */
export const registerDeviceSchema = z.object({
  sn: text(128).describe("Serial number, unique within the model."),
  firmware_version: firmwareVersion.describe("Firmware version, SemVer."),
  hardware_key: z
    .string({ error: "must be a string" })
    .min(1, "must not be empty")
    .max(200, "must be at most 200 characters")
    .describe("The model's hardware key, from the partner portal."),
  mac: z
    .string({ error: "must be a string" })
    .trim()
    .regex(MAC, "must be a MAC address like AA:BB:CC:DD:EE:FF")
    .transform(normalizeMac)
    .optional()
    .describe("MAC address, unique within the model."),
  cloud_id: text(128).optional().describe("Your cloud's id for the device, unique within the model."),
  name: text(128).optional().describe("Display name."),
  details: jsonObject(16_384).optional().describe("Free-form device details (a JSON object)."),
});
export type RegisterDeviceInput = z.output<typeof registerDeviceSchema>;

/**
 * Register Child Device (Xyte, POST /v1/devices/{parent id}/children): a
 * gateway registers a device behind it with its own access key instead of a
 * hardware key, naming the child's model. Xyte makes sn optional for
 * children; without one the child is named after its gateway.
 */
export const registerChildSchema = registerDeviceSchema.omit({ hardware_key: true, sn: true }).extend({
  model_id: text(64).describe("The child's model: one of the gateway's partner's models."),
  sn: text(128).optional().describe("Serial number, unique within the model (default: the gateway's, with a suffix)."),
});
export type RegisterChildInput = z.output<typeof registerChildSchema>;

export const registerDeviceResponseSchema = z.object({
  id: z.uuid().describe("Device id: the MQTT username and client id."),
  access_key: z.string().describe("Shown once: the MQTT password and HTTP Authorization value."),
  hub_url: z.url().describe("Base URL of the device HTTP API."),
  hub_url_static_cert: z
    .url()
    .describe(
      "Same API for devices that pin a certificate: with the portal's own HTTPS listener, its certificate chains to the CA at /api/hub/ca.pem.",
    ),
  mqtt_hub_url: z
    .string()
    .describe("mqtts://host:port of the hub's TLS listener (its CA at /api/hub/ca.pem), or mqtt:// without TLS."),
});
export type RegisteredDevice = z.infer<typeof registerDeviceResponseSchema>;

export const BULK_CREATE_LIMIT = 25;

export const apiErrorSchema = z.object({ error: z.string().describe("What was wrong, naming the field.") });

/** The first problem of a failed parse as "field: message", the API's error format. */
export function describeIssue(error: z.ZodError, body: unknown): string {
  const issue = error.issues[0];
  if (!issue) return "body: invalid";
  const field = issue.path.length ? issue.path.join(".") : "body";
  const isMissing =
    issue.path.length === 1 && typeof body === "object" && body !== null && !(String(issue.path[0]) in body);
  return `${field}: ${isMissing ? "is required" : issue.message}`;
}

// The portal's registration form: the API's fields (empty inputs mean "not
// given"), the hardware key chosen by id, and details typed as JSON text.
/** Text that must parse as JSON (a form field or a hidden field), then checked by `schema`. */
const jsonText = <T extends z.ZodType>(schema: T, message: string) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
    })
    .pipe(schema);

const optionalField = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

export const registerDeviceFormSchema = z.object({
  modelId: z.string().min(1, "Model is required"),
  hardwareKeyId: z.string({ error: "Choose a hardware key" }).min(1, "Choose a hardware key"),
  sn: registerDeviceSchema.shape.sn,
  firmware_version: registerDeviceSchema.shape.firmware_version,
  mac: optionalField(registerDeviceSchema.shape.mac.unwrap()),
  cloud_id: optionalField(registerDeviceSchema.shape.cloud_id.unwrap()),
  name: optionalField(registerDeviceSchema.shape.name.unwrap()),
  details: optionalField(
    jsonText(registerDeviceSchema.shape.details.unwrap(), 'must be valid JSON, e.g. {"floor": 3}'),
  ),
});
export type RegisterDeviceFormInput = z.output<typeof registerDeviceFormSchema>;

/** One CSV row of a bulk registration, checked in the browser before anything is sent. */
export const bulkRowSchema = registerDeviceSchema.pick({ sn: true, firmware_version: true }).extend({
  mac: registerDeviceFormSchema.shape.mac,
  name: registerDeviceFormSchema.shape.name,
});
export type BulkRow = z.output<typeof bulkRowSchema>;

export const BULK_CSV_COLUMNS = ["sn", "firmware_version", "mac", "name"] as const;

/** One batch (at most 25 rows) sent by the bulk registration screen. */
export const bulkRegisterSchema = z.object({
  modelId: z.string().min(1),
  hardwareKeyId: z.string().min(1, "Choose a hardware key"),
  rows: jsonText(z.array(bulkRowSchema).min(1).max(BULK_CREATE_LIMIT), "rows must be JSON"),
});

export type BulkItemResult = { status: number; device?: RegisteredDevice; error?: string };
