import "server-only";
import { randomInt } from "node:crypto";
import { ACTIVE_ROLLOUT_STATUSES, FINISHED_STATES, type NewRollout } from "@/lib/schemas/rollout";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { newPublicId } from "../../ids";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { getModelFileOrThrow } from "../firmware/find-model-file";
import { forgetNewestFirmware } from "../firmware/newest-firmware";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { rolloutEventData } from "./rollout-event-data";
import { selectRolloutTarget, type TargetDevice } from "./select-rollout-target";

const CHUNK = 500;

/**
 * The target in a random order, each device with its stage: stage i ends at
 * stages[i] percent of the target, and holds at least one device while any
 * are left (1% of 50 devices is one device, not none).
 */
export function stageDevices(devices: readonly TargetDevice[], stages: readonly number[]) {
  const order = [...devices];
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const ends: number[] = [];
  for (const percent of stages) {
    const previous = ends.at(-1) ?? 0;
    ends.push(Math.min(order.length, Math.max(previous + 1, Math.ceil((percent * order.length) / 100))));
  }
  return order.map((device, position) => ({ device, position, stage: ends.findIndex((end) => position < end) }));
}

/**
 * Starts a rollout of one of the model's files to the chosen devices. Refused
 * with a clear error when the target is empty, or when a device of it is
 * still in another active rollout (named in the message).
 */
export async function createRollout(options: {
  partnerId: string;
  actor: Actor;
  input: NewRollout;
}): Promise<{ id: string; devices: number }> {
  const { partnerId, actor, input } = options;
  const file = await getModelFileOrThrow({ partnerId, modelId: input.modelId, fileId: input.fileId });
  const target = await selectRolloutTarget({ partnerId, target: input, version: file.version });
  if (target.devices.length === 0) {
    const { onVersion, disabled, unknownSerials } = target.skipped;
    throw new AppError(
      "VALIDATION",
      `target: no device to update (${onVersion} already on ${file.version}, ${disabled} disabled${
        unknownSerials.length > 0 ? `, ${unknownSerials.length} serial numbers unknown` : ""
      })`,
      { fieldErrors: { target: ["No device of this model matches"] } },
    );
  }
  const staged = stageDevices(target.devices, input.stages);
  const id = newPublicId("ro");
  await db.$transaction(
    async (tx) => {
      // Devices another active rollout of the model still holds (a few rollouts; their devices read once).
      const held = await tx.rolloutDevice.findMany({
        where: {
          rollout: { modelId: input.modelId, status: { in: [...ACTIVE_ROLLOUT_STATUSES] } },
          state: { notIn: [...FINISHED_STATES] },
        },
        select: { deviceId: true, rolloutId: true },
      });
      const holder = new Map(held.map((row) => [row.deviceId, row.rolloutId]));
      const busy = target.devices.find((device) => holder.has(device.id));
      if (busy) {
        const other = await tx.firmwareRollout.findUniqueOrThrow({
          where: { id: holder.get(busy.id)! },
          select: { id: true, file: { select: { version: true } } },
        });
        throw new AppError(
          "CONFLICT",
          `target: device ${busy.sn} is still in rollout ${other.id} (firmware ${other.file.version}); let it finish or cancel it first`,
        );
      }
      await tx.firmwareRollout.create({
        data: {
          id,
          partnerId,
          modelId: input.modelId,
          fileId: file.id,
          status: "running",
          stages: JSON.stringify(input.stages),
          isAutoPromoted: input.isAutoPromoted,
          devicesPerMinute: input.devicesPerMinute,
          timeoutMinutes: input.timeoutMinutes,
          retries: input.retries,
          stopFailurePercent: input.stopFailurePercent,
          stopMinFinished: input.stopMinFinished,
          verifyMinutes: input.verifyMinutes,
          targetDescription: target.description,
          createdBy: actor.label,
        },
      });
      for (let start = 0; start < staged.length; start += CHUNK) {
        await tx.rolloutDevice.createMany({
          data: staged.slice(start, start + CHUNK).map(({ device, stage, position }) => ({
            rolloutId: id,
            deviceId: device.id,
            stage,
            position,
            state: "queued",
            fromVersion: device.firmwareVersion,
          })),
        });
      }
      await recordAuditEvent(tx, {
        partnerId,
        actor,
        action: "rollout.start",
        targetType: "model",
        targetId: input.modelId,
        summary: `Started rollout ${id} of ${file.fileType} ${file.version} to ${staged.length} devices of model "${file.model.name}" (${target.description})`,
      });
      await enqueueWebhookEvents(tx, partnerId, [
        {
          type: "rollout.started",
          data: rolloutEventData({
            id,
            modelId: input.modelId,
            fileId: file.id,
            version: file.version,
            status: "running",
          }),
        },
      ]);
    },
    { timeout: 120_000 },
  );
  forgetNewestFirmware(input.modelId);
  return { id, devices: staged.length };
}
