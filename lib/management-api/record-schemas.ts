import { z } from "zod";
import { INCIDENT_PRIORITIES, INCIDENT_STATUSES } from "@/lib/schemas/incident";
import { LICENSE_STATES } from "@/lib/schemas/license";

// The management API's answers for a device's records (incidents, licences,
// dumps, telemetry history, connection history), as zod schemas: the
// OpenAPI document is generated from them, and test/management-api.test.ts
// checks every answer against its schema, so the two cannot drift.

const isoTime = z.iso.datetime();

export const incidentRecord = z.object({
  id: z.string(),
  device_id: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  priority: z.enum(INCIDENT_PRIORITIES),
  title: z.string(),
  description: z.string().nullable(),
  issue: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  closed_at: isoTime.nullable(),
  closed_by: z.string().nullable().describe('"device", or the member or token that closed it'),
});

export const closedIncident = z.object({ id: z.string(), status: z.literal("closed") });
export const revokedLicense = z.object({ id: z.string(), revoked: z.literal(true) });

export const licenseRecord = z.object({
  id: z.string(),
  device_id: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  signed_data: z.string(),
  signature: z.string(),
  state: z.enum(LICENSE_STATES),
  revoked: z.boolean(),
  error: z.string().nullable(),
  expires_at: isoTime.nullable(),
  issued_by: z.string(),
  created_at: isoTime,
  state_at: isoTime.nullable(),
});

export const dumpRecord = z.object({
  id: z.string(),
  dump_id: z.string(),
  device_id: z.string(),
  filename: z.string(),
  mime_type: z.string(),
  size: z.number().int(),
  download_url: z.string().describe("GET it with the same token: the file's bytes"),
  created_at: isoTime,
  updated_at: isoTime,
});

const point = z.object({ at: isoTime, avg: z.number(), min: z.number(), max: z.number(), count: z.number().int() });

export const telemetryHistory = z.object({
  device_id: z.string(),
  from: isoTime,
  to: isoTime,
  bucket_minutes: z.number().int(),
  latest: z.object({
    status: z.string().nullable(),
    at: isoTime.nullable(),
    values: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()])),
  }),
  series: z.array(z.object({ key: z.string(), points: z.array(point) })),
});

export const connectionEvent = z.object({
  id: z.number().int(),
  at: isoTime,
  kind: z.string().describe("mqtt.connected, mqtt.refused, http.call, device.event, …"),
  title: z.string(),
  detail: z.string().nullable(),
  fix: z.string().nullable(),
  tone: z.enum(["ok", "info", "warning", "error"]),
  data: z.record(z.string(), z.unknown()),
});

/** A page of records: {data, next_cursor}. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

/** GET …/telemetry: a time range and bucket size; keys default to every numeric key reported in the range. */
export const telemetryHistoryQuery = z
  .object({
    from: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" }).optional(),
    to: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" }).optional(),
    bucket: z.coerce
      .number({ error: "must be a number of minutes" })
      .int("must be a whole number of minutes")
      .min(1, "must be at least 1 minute")
      .max(1_440, "must be at most 1,440 minutes (a day)")
      .optional(),
    keys: z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((key) => key.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().max(100)).max(20, "at most 20 keys"))
      .optional(),
  })
  .transform((query, context) => {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 86_400_000);
    const minutes = (to.getTime() - from.getTime()) / 60_000;
    if (minutes <= 0) context.addIssue({ code: "custom", path: ["from"], message: "must be before to" });
    if (minutes > 31 * 1_440)
      context.addIssue({ code: "custom", path: ["from"], message: "the range is at most 31 days" });
    // At most 2,000 buckets a key: a month per minute would be 44,640.
    const bucket = query.bucket ?? Math.max(1, Math.ceil(minutes / 500));
    if (minutes / bucket > 2_000) {
      context.addIssue({ code: "custom", path: ["bucket"], message: "at most 2,000 buckets: choose a larger bucket" });
    }
    return { from, to, bucket, keys: query.keys };
  });

export const issueLicenseBody = z.object({
  type_id: z.string({ error: "is required" }).min(1, "is required"),
  data: z.record(z.string(), z.unknown(), { error: "must be a JSON object" }).default({}),
  expires_on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2027-12-31")
    .optional(),
});
