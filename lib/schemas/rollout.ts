import { z } from "zod";
import { parseVersionRange } from "@/lib/firmware/semver";
import { DEVICE_STATUS_LABELS, DEVICE_STATUSES, type DeviceStatus } from "@/lib/devices/device-status";

/** A device's way through a rollout (RolloutDevice.state). */
export const ROLLOUT_DEVICE_STATES = [
  "queued",
  "notified",
  "downloading",
  "installing",
  "verifying",
  "succeeded",
  "failed",
  "timed_out",
  "cancelled",
] as const;
export type RolloutDeviceState = (typeof ROLLOUT_DEVICE_STATES)[number];

/** Told of the update and not finished: their step has a deadline. */
export const IN_FLIGHT_STATES = ["notified", "downloading", "installing", "verifying"] as const;
export const FINISHED_STATES = ["succeeded", "failed", "timed_out", "cancelled"] as const;
/** Not finished: a stage with none of these is done. */
export const UNFINISHED_STATES = ["queued", ...IN_FLIGHT_STATES] as const;
/** What the stop rule counts as failures. */
export const FAILED_STATES = ["failed", "timed_out"] as const;

export const ROLLOUT_DEVICE_STATE_LABELS: Record<RolloutDeviceState, string> = {
  queued: "Queued",
  notified: "Notified",
  downloading: "Downloading",
  installing: "Installing",
  verifying: "Verifying",
  succeeded: "Succeeded",
  failed: "Failed",
  timed_out: "Timed out",
  cancelled: "Cancelled",
};

export const ROLLOUT_STATUSES = ["running", "paused", "completed", "cancelled"] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];
/** A rollout that still holds its devices: no second one may target them. */
export const ACTIVE_ROLLOUT_STATUSES = ["running", "paused"] as const;

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min.toLocaleString("en-US")}`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")}`);

/** "1, 10, 50, 100": cumulative percentages of the target, growing, the last 100. */
const stages = z.string({ error: "Stages are required" }).transform((text, context) => {
  const values = text
    .split(/[\s,→>]+/)
    .filter(Boolean)
    .map(Number);
  const problem =
    values.length === 0 || values.length > 10
      ? "Give 1 to 10 stages, like 1, 10, 50, 100"
      : values.some((value) => !Number.isFinite(value) || value <= 0 || value > 100)
        ? "Each stage is a percentage above 0 and at most 100"
        : values.some((value, i) => i > 0 && value <= values[i - 1]!)
          ? "Each stage must be larger than the one before"
          : values.at(-1) !== 100
            ? "The last stage must be 100 (the whole target)"
            : null;
  if (problem) {
    context.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return values;
});

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
  .optional()
  .transform((value) => value === "on" || value === "true" || value === true);

/** The device list's filters a rollout's target can be narrowed by (the model is the rollout's). */
export type RolloutFilters = {
  q?: string | undefined;
  status?: DeviceStatus | undefined;
  firmware?: string | undefined;
  hasOpenIncident: boolean;
};

const filterText = (max: number, name: string) =>
  z.string().trim().max(max, `${name} is at most ${max} characters`).optional().default("");

/** Who a rollout goes to, as the form and the API say it. */
export const rolloutTargetSchema = z
  .object({
    modelId: z.string().min(1, "Model is required"),
    target: z.enum(["all", "versions", "serials", "filters"], { error: "Choose who gets the update" }),
    versionRange: z.string().optional().default(""),
    serials: z.string().max(2_000_000, "At most 2 MB of serial numbers").optional().default(""),
    // The device list's own filters (target "filters"), as its search box and menus set them.
    filterQ: filterText(100, "Search"),
    filterStatus: z
      .union([z.enum(DEVICE_STATUSES), z.literal("")], {
        error: `Status must be one of ${DEVICE_STATUSES.join(", ")}`,
      })
      .optional()
      .default(""),
    filterFirmware: filterText(64, "Firmware"),
    filterIncident: checkbox,
  })
  .superRefine((value, context) => {
    if (value.target === "versions") {
      const range = parseVersionRange(value.versionRange);
      if (typeof range === "string") {
        context.addIssue({ code: "custom", path: ["versionRange"], message: `Version range ${range}` });
      }
    }
    if (value.target === "serials" && serialList(value.serials).length === 0) {
      context.addIssue({ code: "custom", path: ["serials"], message: "Paste at least one serial number" });
    }
    if (value.target === "filters" && !describeFilters(rolloutFilters(value))) {
      context.addIssue({
        code: "custom",
        path: ["filterQ"],
        message: "Set at least one filter (search, status, firmware or open incident), or choose every device",
      });
    }
  });
export type RolloutTarget = z.output<typeof rolloutTargetSchema>;

/** Serial numbers pasted one per line, or separated by commas or spaces. */
export const serialList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((serial) => serial.trim())
      .filter(Boolean),
  ),
];

/** The target's device list filters, empty ones left out. */
export function rolloutFilters(target: {
  filterQ: string;
  filterStatus: DeviceStatus | "";
  filterFirmware: string;
  filterIncident: boolean;
}): RolloutFilters {
  return {
    q: target.filterQ || undefined,
    status: target.filterStatus || undefined,
    firmware: target.filterFirmware || undefined,
    hasOpenIncident: target.filterIncident,
  };
}

/** The filters in words ("status online, search "lab""), or "" when none is set. */
export function describeFilters(filters: RolloutFilters): string {
  return [
    filters.status ? `status ${DEVICE_STATUS_LABELS[filters.status].toLowerCase()}` : null,
    filters.q ? `search "${filters.q}"` : null,
    filters.firmware ? `firmware ${filters.firmware}` : null,
    filters.hasOpenIncident ? "an open incident" : null,
  ]
    .filter(Boolean)
    .join(", ");
}

export const newRolloutSchema = z.intersection(
  rolloutTargetSchema,
  z.object({
    fileId: z.string().min(1, "Choose a file"),
    stages: stages.default([1, 10, 50, 100]),
    devicesPerMinute: whole("Pace", 1, 10_000).default(100),
    timeoutMinutes: whole("Timeout", 1, 10_080).default(60),
    retries: whole("Retries", 0, 10).default(1),
    stopFailurePercent: whole("Failure share", 1, 100).default(10),
    stopMinFinished: whole("Minimum finished", 1, 1_000_000).default(10),
    verifyMinutes: whole("Verification window", 1, 1_440).default(15),
    isAutoPromoted: checkbox,
  }),
);
export type NewRollout = z.output<typeof newRolloutSchema>;

export const rolloutControlSchema = z.object({
  rolloutId: z.string().min(1, "Rollout is required"),
  control: z.enum(["pause", "resume", "cancel"], { error: "Pause, resume or cancel" }),
});
export type RolloutControl = z.output<typeof rolloutControlSchema>;
