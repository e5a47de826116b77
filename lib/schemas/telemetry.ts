import { z } from "zod";

// Xyte's telemetry: a device reports its status and key/value pairs, over
// HTTP (POST /v1/devices/{id}/telemetry) or MQTT (v1/device/{id}/telemetry).
// Values are numbers, booleans or strings of up to 1,000 bytes; null removes
// a key from the device's state.

export const TELEMETRY_STATUSES = ["online", "offline", "error"] as const;
export type TelemetryStatus = (typeof TELEMETRY_STATUSES)[number];

/** Xyte's limit for one telemetry message. */
export const MAX_TELEMETRY_BYTES = 128 * 1024;
const MAX_KEYS = 500;
const MAX_STRING_BYTES = 1_000;
// A 32-bit float's range, Xyte's widest number type.
const MAX_NUMBER = 3.4e38;

const encoder = new TextEncoder();
const utf8Length = (value: string) => encoder.encode(value).length;

export type TelemetryValue = number | boolean | string | null;

const telemetryValue = z.union(
  [
    z
      .number()
      .refine((value) => Number.isFinite(value) && Math.abs(value) <= MAX_NUMBER, "must be a finite 32-bit number"),
    z.boolean(),
    z.string().refine((value) => utf8Length(value) <= MAX_STRING_BYTES, `must be at most ${MAX_STRING_BYTES} bytes`),
    z.null(),
  ],
  { error: "must be a number, a boolean, a string or null (nested objects and arrays are not telemetry)" },
);

const telemetryKey = z
  .string()
  .min(1, "keys must not be empty")
  .max(100, "keys must be at most 100 characters")
  // eslint-disable-next-line no-control-regex -- keys end up in charts and CSV
  .refine((key) => !/[\u0000-\u001f\u007f]/.test(key), "keys must not contain control characters");

export const telemetryBodySchema = z.object({
  status: z.enum(TELEMETRY_STATUSES, { error: 'must be "online", "offline" or "error"' }),
  timestamp: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time like 2026-01-01T12:00:00Z" }).optional(),
  telemetries: z
    .record(telemetryKey, telemetryValue, { error: "must be a JSON object of key/value pairs" })
    .refine((values) => Object.keys(values).length <= MAX_KEYS, `must have at most ${MAX_KEYS} keys`)
    .default({}),
  override: z.boolean({ error: "must be true or false" }).optional(),
  message: z.string({ error: "must be a string" }).max(1_000, "must be at most 1000 characters").optional(),
});
export type TelemetryBody = z.output<typeof telemetryBodySchema>;

/** Mass and child telemetries: one call reports for up to this many devices. */
export const MAX_GATEWAY_DEVICES = 100;
/** Their body: the fast routes' buffer (lib/runtime/fast-routes.ts) is the bound. */
export const MAX_GATEWAY_TELEMETRY_BYTES = 1024 * 1024;

/** What the telemetry call answers (Xyte's shape): what is waiting for the device. */
export const telemetryAnswerSchema = z.object({
  success: z.literal(true),
  config_version: z.number().int().describe("The device's desired config version: fetch the config when it is newer."),
  command: z.boolean().describe("True while a command waits: fetch it with GET .../command."),
  info_version: z
    .number()
    .int()
    .describe("Grows when a member edits the device's name or details: read them again with GET /v1/devices/{id}."),
  new_licenses: z
    .boolean()
    .describe("True while a licence waits to be applied or removed: fetch them with GET .../licenses."),
  latest_fw_version: z
    .string()
    .nullable()
    .describe("The version of the model's newest released firmware file; null when it has none."),
  latest_fw_file_id: z
    .string()
    .nullable()
    .describe("That file's id, for GET /v1/devices/{id}/files/{file_id}; null when there is none."),
});
export type TelemetryAnswer = z.output<typeof telemetryAnswerSchema>;

/** The device page's chart ranges: how far back, and how many minutes each point sums up. */
export const CHART_RANGES = { hour: { minutes: 60, bucket: 1 }, day: { minutes: 1_440, bucket: 10 } } as const;
export type ChartRange = keyof typeof CHART_RANGES;
