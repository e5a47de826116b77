import { z } from "zod";
import { ROLLOUT_DEVICE_STATES, ROLLOUT_STATUSES } from "@/lib/schemas/rollout";

// The management API's answers for firmware files and rollouts, in snake_case
// (see fleet-schemas.ts for how they are used).

const isoTime = z.iso.datetime();

export const firmwareRecord = z.object({
  id: z.string(),
  model_id: z.string(),
  name: z.string(),
  file_type: z.string(),
  version: z.string(),
  is_prerelease: z.boolean(),
  sha256: z.string(),
  size: z.number().int(),
  notes: z.string().nullable(),
  public_notes: z.string().nullable().describe("Shown to the device (Xyte's public_notes)"),
  uploaded_by: z.string(),
  created_at: isoTime,
});

export const storedFirmware = z.object({
  id: z.string(),
  version: z.string(),
  sha256: z.string(),
  size: z.number().int(),
});

export const rolloutSummary = z.object({
  id: z.string(),
  status: z.enum(ROLLOUT_STATUSES),
  pause_reason: z.string().nullable(),
  target_description: z.string(),
  file: z.object({ version: z.string(), file_type: z.string() }),
  devices: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int().describe("Failed or timed out"),
  created_by: z.string(),
  created_at: isoTime,
});

export const rolloutRecord = z.object({
  id: z.string(),
  model_id: z.string(),
  file: z.object({
    id: z.string(),
    version: z.string(),
    file_type: z.string(),
    sha256: z.string(),
    size: z.number().int(),
  }),
  status: z.enum(ROLLOUT_STATUSES),
  pause_reason: z.string().nullable(),
  stages: z.array(z.number()).describe("Cumulative percentages of the target"),
  current_stage: z.number().int().describe("Index into stages"),
  is_auto_promoted: z.boolean(),
  devices_per_minute: z.number().int(),
  timeout_minutes: z.number().int(),
  retries: z.number().int(),
  stop_failure_percent: z.number().int(),
  stop_min_finished: z.number().int(),
  verify_minutes: z.number().int(),
  target_description: z.string(),
  devices: z.array(
    z.object({ stage: z.number().int(), state: z.enum(ROLLOUT_DEVICE_STATES), devices: z.number().int() }),
  ),
  failures: z
    .array(
      z.object({
        device_id: z.string(),
        sn: z.string(),
        state: z.enum(ROLLOUT_DEVICE_STATES),
        failure: z.string().nullable(),
        attempts: z.number().int(),
        from_version: z.string(),
        firmware_version: z.string().describe("The version the device reports now"),
        finished_at: isoTime.nullable(),
      }),
    )
    .describe("The latest 200 failed or timed-out devices"),
  rollback_file_id: z.string().nullable().describe("The release before this one: what a rollback rolls out"),
  created_by: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  finished_at: isoTime.nullable(),
});

export const startedRollout = z.object({ id: z.string(), devices: z.number().int() });
export const rolloutStatus = z.object({ id: z.string(), status: z.enum(ROLLOUT_STATUSES) });
