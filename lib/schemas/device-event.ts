import { z } from "zod";
import { text } from "./device-registration";

// Add Event (POST /v1/devices/{id}/events): Xyte's device events log.
// Exactly Xyte's fields; an unknown one is a 400 that names it.

const int32 = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(-2_147_483_648, "must fit in 32 bits")
  .max(2_147_483_647, "must fit in 32 bits");

/** How far ahead of the portal's clock a device's timestamp may be (clock skew), and how far back. */
const MAX_AHEAD_MS = 5 * 60_000;
const MAX_BEHIND_MS = 30 * 24 * 3_600_000;

export const deviceEventSchema = z.strictObject({
  name: z.string({ error: "is required" }).pipe(text(100)),
  category: z.string({ error: "is required" }).pipe(text(100)),
  int_key_1: int32.optional(),
  int_key_2: int32.optional(),
  string_key_1: z.string({ error: "must be a string" }).max(255, "must be at most 255 characters").optional(),
  string_key_2: z.string({ error: "must be a string" }).max(255, "must be at most 255 characters").optional(),
  /** When it happened, if not now: an ISO 8601 time or seconds since the epoch. */
  timestamp: z
    .union([z.iso.datetime({ offset: true }), z.number().positive()], {
      error: "must be an ISO 8601 time or seconds since the epoch",
    })
    .transform((value) => (typeof value === "number" ? new Date(value * 1000) : new Date(value)))
    .refine((at) => at.getTime() <= Date.now() + MAX_AHEAD_MS, "must not be in the future")
    .refine((at) => at.getTime() >= Date.now() - MAX_BEHIND_MS, "must be within the last 30 days")
    .optional(),
});
export type AddedDeviceEvent = z.output<typeof deviceEventSchema>;
