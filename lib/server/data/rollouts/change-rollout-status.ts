import "server-only";
import { FAILED_STATES, FINISHED_STATES, type RolloutStatus } from "@/lib/schemas/rollout";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { forgetNewestFirmware } from "../firmware/newest-firmware";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { rolloutEventData } from "./rollout-event-data";

const WEBHOOK_OF: Partial<Record<RolloutStatus, "rollout.paused" | "rollout.completed">> = {
  paused: "rollout.paused",
  completed: "rollout.completed",
};

/**
 * Moves a rollout from one status to another (its engine pausing it by the
 * stop rule or completing it, or a member's pause, resume or cancel), with
 * its audit event and webhook in the same transaction. Conditional on
 * `from`: false when it had already moved.
 */
export async function changeRolloutStatus(options: {
  rolloutId: string;
  partnerId?: string;
  from: RolloutStatus;
  to: RolloutStatus;
  reason: string | null;
  actor: Actor;
  /** The stage to go on with (a resume after a finished stage). */
  currentStage?: number;
  now?: Date;
}): Promise<boolean> {
  const { rolloutId, from, to, reason, actor } = options;
  const now = options.now ?? new Date();
  const changed = await db.$transaction(async (tx) => {
    const rollout = await tx.firmwareRollout.findFirst({
      where: { id: rolloutId, ...(options.partnerId ? { partnerId: options.partnerId } : {}) },
      select: {
        id: true,
        partnerId: true,
        modelId: true,
        fileId: true,
        status: true,
        file: { select: { version: true } },
      },
    });
    if (!rollout) throw new AppError("NOT_FOUND", "Rollout not found.");
    // A resume starts the stop rule afresh: it judges what finishes from now on.
    const base =
      to === "running" && from === "paused"
        ? {
            stopFinishedBase: await tx.rolloutDevice.count({
              where: { rolloutId, state: { in: FINISHED_STATES.filter((s) => s !== "cancelled") } },
            }),
            stopFailedBase: await tx.rolloutDevice.count({ where: { rolloutId, state: { in: [...FAILED_STATES] } } }),
          }
        : {};
    const { count } = await tx.firmwareRollout.updateMany({
      where: { id: rolloutId, status: from },
      data: {
        status: to,
        pauseReason: to === "paused" ? reason : null,
        ...base,
        ...(options.currentStage === undefined ? {} : { currentStage: options.currentStage }),
        ...(to === "completed" || to === "cancelled" ? { finishedAt: now } : {}),
      },
    });
    if (count === 0) return false as const;
    if (to === "cancelled") {
      // Updates not begun are withdrawn: their commands expire now (housekeeping
      // then marks them expired, with their webhooks); one in progress may finish.
      const told = await tx.rolloutDevice.findMany({
        where: { rolloutId, state: { notIn: [...FINISHED_STATES] }, commandId: { not: null } },
        select: { commandId: true },
      });
      const commandIds = told.map((row) => row.commandId!);
      for (let start = 0; start < commandIds.length; start += 500) {
        await tx.deviceCommand.updateMany({
          where: { id: { in: commandIds.slice(start, start + 500) }, status: "pending" },
          data: { expiresAt: now },
        });
      }
      await tx.rolloutDevice.updateMany({
        where: { rolloutId, state: { notIn: [...FINISHED_STATES] } },
        data: { state: "cancelled", finishedAt: now, deadlineAt: null },
      });
    }
    await recordAuditEvent(tx, {
      partnerId: rollout.partnerId,
      actor,
      action: `rollout.${to === "running" ? "resume" : to === "paused" ? "pause" : to === "cancelled" ? "cancel" : "complete"}`,
      targetType: "model",
      targetId: rollout.modelId,
      summary: `Rollout ${rollout.id} (firmware ${rollout.file.version}) ${to === "running" ? "resumed" : to}${reason ? `: ${reason}` : ""}`,
    });
    const event = WEBHOOK_OF[to];
    if (event) {
      await enqueueWebhookEvents(tx, rollout.partnerId, [
        {
          type: event,
          data: rolloutEventData({ ...rollout, version: rollout.file.version, status: to, pauseReason: reason }),
        },
      ]);
    }
    return rollout.modelId;
  });
  // A finished rollout's file may now be the model's newest release.
  if (changed) forgetNewestFirmware(changed);
  return changed !== false;
}

/** Moves a running rollout on to its next stage; false when it had moved already. */
export async function promoteRollout(rolloutId: string, fromStage: number): Promise<boolean> {
  const { count } = await db.firmwareRollout.updateMany({
    where: { id: rolloutId, status: "running", currentStage: fromStage },
    data: { currentStage: fromStage + 1 },
  });
  return count === 1;
}

/** The rollouts its engine advances now: running ones, and paused ones whose told devices are still updating. */
export function findRunningRollouts() {
  return db.firmwareRollout.findMany({
    where: { status: { in: ["running", "paused"] } },
    select: {
      id: true,
      status: true,
      partnerId: true,
      modelId: true,
      fileId: true,
      stages: true,
      currentStage: true,
      isAutoPromoted: true,
      devicesPerMinute: true,
      timeoutMinutes: true,
      retries: true,
      stopFailurePercent: true,
      stopMinFinished: true,
      stopFinishedBase: true,
      stopFailedBase: true,
      verifyMinutes: true,
      file: { select: { version: true, sha256: true, size: true } },
      model: { select: { communicationProtocol: true } },
    },
  });
}

export type RunningRollout = Awaited<ReturnType<typeof findRunningRollouts>>[number];
