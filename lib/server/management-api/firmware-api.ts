import "server-only";
import type { z } from "zod";
import {
  firmwareRecord,
  rolloutRecord,
  rolloutStatus,
  rolloutSummary,
  startedRollout,
  type storedFirmware,
} from "@/lib/management-api/firmware-schemas";
import { deleted } from "@/lib/management-api/fleet-schemas";
import { pageOf } from "@/lib/management-api/record-schemas";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";
import { newRolloutSchema, rolloutControlSchema, type RolloutStatus } from "@/lib/schemas/rollout";
import { deleteFirmwareFile } from "../data/firmware/delete-firmware-file";
import type { FirmwareFileRow } from "../data/firmware/firmware-file-select";
import { findModelFirmware } from "../data/firmware/find-model-firmware";
import { getModelOrThrow } from "../data/models/get-model-or-throw";
import { controlRollout } from "../data/rollouts/control-rollout";
import { createRollout } from "../data/rollouts/create-rollout";
import { findModelRollouts, getRolloutOrThrow, type ModelRolloutRow } from "../data/rollouts/find-rollout";
import { removeFirmware } from "../firmware/firmware-store";
import { receiveFirmware } from "../firmware/receive-firmware";
import { managementRoute, parseInput, parseSnakeInput, streamedTokenRoute } from "./management-route";

// Firmware files and rollouts for a partner's build pipeline: upload a file
// (streamed, through Next.js's router: fast routes buffer their bodies),
// start a rollout, watch it and stop it.

const page = <T>(data: T[]) => ({ data, next_cursor: null });
const iso = (at: Date | null) => at?.toISOString() ?? null;

const firmwareRecordOf = (file: FirmwareFileRow): z.input<typeof firmwareRecord> => ({
  id: file.id,
  model_id: file.modelId,
  name: file.name,
  file_type: file.fileType,
  version: file.version,
  is_prerelease: file.isPrerelease,
  sha256: file.sha256,
  size: file.size,
  notes: file.notes,
  public_notes: file.publicNotes,
  uploaded_by: file.createdBy,
  created_at: file.createdAt.toISOString(),
});

const rolloutSummaryOf = (rollout: ModelRolloutRow): z.input<typeof rolloutSummary> => ({
  id: rollout.id,
  status: rollout.status as RolloutStatus,
  pause_reason: rollout.pauseReason,
  target_description: rollout.targetDescription,
  file: { version: rollout.file.version, file_type: rollout.file.fileType },
  devices: rollout.total,
  succeeded: rollout.succeeded,
  failed: rollout.failed,
  created_by: rollout.createdBy,
  created_at: rollout.createdAt.toISOString(),
});

export const listFirmware = managementRoute<{ modelId: string }>(
  "model.read",
  pageOf(firmwareRecord),
  async ({ token, params }) => {
    await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId });
    const files = await findModelFirmware({ partnerId: token.partnerId, modelId: params.modelId });
    return { body: page(files.map(firmwareRecordOf)) };
  },
);

export const deleteFirmware = managementRoute<{ fileId: string }>(
  "firmware.manage",
  deleted,
  async ({ token, actor, params }) => {
    await deleteFirmwareFile({ partnerId: token.partnerId, actor, fileId: params.fileId });
    await removeFirmware(params.fileId);
    return { body: { id: params.fileId, deleted: true } };
  },
);

/** POST /api/v1/models/{modelId}/firmware?version=&name=…, the file as the body (app/api/v1/models/[modelId]/firmware). */
export function uploadFirmwareByToken(request: Request, modelId: string): Promise<Response> {
  return streamedTokenRoute(request, "firmware.manage", async ({ token, actor }) => {
    const input = parseSnakeInput(firmwareUploadSchema, Object.fromEntries(new URL(request.url).searchParams));
    const file = await receiveFirmware({ partnerId: token.partnerId, actor, modelId, input, request });
    const body: z.input<typeof storedFirmware> = {
      id: file.id,
      version: file.version,
      sha256: file.sha256,
      size: file.size,
    };
    return Response.json(body, { status: 201, headers: { "cache-control": "no-store" } });
  });
}

export const listRollouts = managementRoute<{ modelId: string }>(
  "model.read",
  pageOf(rolloutSummary),
  async ({ token, params }) => {
    await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId });
    const rollouts = await findModelRollouts({ partnerId: token.partnerId, modelId: params.modelId });
    return { body: page(rollouts.map(rolloutSummaryOf)) };
  },
);

/** A rollout's settings and progress: devices per stage and state, and the failed ones (up to 200). */
export const readRollout = managementRoute<{ rolloutId: string }>(
  "model.read",
  rolloutRecord,
  async ({ token, params }) => {
    const rollout = await getRolloutOrThrow({ partnerId: token.partnerId, rolloutId: params.rolloutId });
    const { file } = rollout;
    const body: z.input<typeof rolloutRecord> = {
      id: rollout.id,
      model_id: rollout.modelId,
      file: { id: file.id, version: file.version, file_type: file.fileType, sha256: file.sha256, size: file.size },
      status: rollout.status as RolloutStatus,
      pause_reason: rollout.pauseReason,
      stages: rollout.stages,
      current_stage: rollout.currentStage,
      is_auto_promoted: rollout.isAutoPromoted,
      devices_per_minute: rollout.devicesPerMinute,
      timeout_minutes: rollout.timeoutMinutes,
      retries: rollout.retries,
      stop_failure_percent: rollout.stopFailurePercent,
      stop_min_finished: rollout.stopMinFinished,
      verify_minutes: rollout.verifyMinutes,
      target_description: rollout.targetDescription,
      devices: rollout.counts,
      failures: rollout.failures.map((row) => ({
        device_id: row.deviceId,
        sn: row.device.sn,
        state: row.state as z.input<typeof rolloutRecord>["failures"][number]["state"],
        failure: row.failure,
        attempts: row.attempts,
        from_version: row.fromVersion,
        firmware_version: row.device.firmwareVersion,
        finished_at: iso(row.finishedAt),
      })),
      rollback_file_id: rollout.rollback?.id ?? null,
      created_by: rollout.createdBy,
      created_at: rollout.createdAt.toISOString(),
      updated_at: rollout.updatedAt.toISOString(),
      finished_at: iso(rollout.finishedAt),
    };
    return { body };
  },
);

/** Stages may be sent as an array ([1, 10, 50, 100]) or as the form's text. */
export const startRolloutRoute = managementRoute(
  "rollout.manage",
  startedRollout,
  async ({ token, actor, readBody }) => {
    const body = await readBody();
    const stages = Array.isArray(body.stages) ? body.stages.join(",") : body.stages;
    const input = parseSnakeInput(newRolloutSchema, { ...body, ...(stages === undefined ? {} : { stages }) });
    return { status: 201, body: await createRollout({ partnerId: token.partnerId, actor, input }) };
  },
);

const control = (which: "pause" | "resume" | "cancel") =>
  managementRoute<{ rolloutId: string }>("rollout.manage", rolloutStatus, async ({ token, actor, params }) => {
    const input = parseInput(rolloutControlSchema, { rolloutId: params.rolloutId, control: which });
    const { status } = await controlRollout({ partnerId: token.partnerId, actor, input });
    return { body: { id: params.rolloutId, status: status as RolloutStatus } };
  });

export const pauseRollout = control("pause");
export const resumeRollout = control("resume");
export const cancelRollout = control("cancel");
