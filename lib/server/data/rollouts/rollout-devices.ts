import "server-only";
import { IN_FLIGHT_STATES, type RolloutDeviceState } from "@/lib/schemas/rollout";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../../database/db";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { deviceEventData } from "../webhooks/webhook-payload";
import { rolloutEventData } from "./rollout-event-data";

// The rows of one rollout's devices, as its engine (lib/server/rollouts)
// reads and moves them. Every move is conditional on the state it was read
// in, so two portal processes advancing the same rollout never both apply one.

const CHUNK = 1_000;

/**
 * Devices told to update and not finished whose verdict may have changed,
 * with what the judge needs to see of them: those verifying, past their
 * deadline, or whose command is no longer pending (in progress counts only
 * while notified). For every other one lib/server/rollouts/judge-device.ts
 * answers "nothing new", and at a rollout's pace tens of thousands can wait
 * on their devices: they are left in the database, not read every round
 * (bench/rollout-pace.bench.ts).
 */
export async function findInFlightDevices(rolloutId: string, now: Date) {
  const due = await db.$queryRaw<{ deviceId: string }[]>`
    SELECT rd."deviceId" FROM "RolloutDevice" rd
    LEFT JOIN "DeviceCommand" c ON c."id" = rd."commandId"
    WHERE rd."rolloutId" = ${rolloutId} AND rd."state" IN (${Prisma.join(IN_FLIGHT_STATES)})
      AND (rd."state" = 'verifying' OR rd."deadlineAt" <= ${now}
        OR (c."status" IS NOT NULL AND c."status" <> 'pending'
          AND NOT (c."status" = 'in_progress' AND rd."state" <> 'notified')))`;
  const rows = [];
  for (let start = 0; start < due.length; start += CHUNK) {
    const deviceIds = due.slice(start, start + CHUNK).map((row) => row.deviceId);
    rows.push(
      ...(await db.rolloutDevice.findMany({
        where: { rolloutId, deviceId: { in: deviceIds }, state: { in: [...IN_FLIGHT_STATES] } },
        select: {
          deviceId: true,
          state: true,
          attempts: true,
          commandId: true,
          notifiedAt: true,
          doneAt: true,
          deadlineAt: true,
          device: {
            select: {
              sn: true,
              firmwareVersion: true,
              firmwareReportedAt: true,
              isConnected: true,
              connectedAt: true,
              telemetryAt: true,
            },
          },
        },
      })),
    );
  }
  const commandIds = rows.flatMap((row) => (row.commandId ? [row.commandId] : []));
  const commands = new Map<string, { status: string; message: string | null }>();
  for (let start = 0; start < commandIds.length; start += CHUNK) {
    const found = await db.deviceCommand.findMany({
      where: { id: { in: commandIds.slice(start, start + CHUNK) } },
      select: { id: true, status: true, message: true },
    });
    for (const command of found) commands.set(command.id, command);
  }
  return rows.map((row) => ({
    ...row,
    state: row.state as RolloutDeviceState,
    command: row.commandId ? (commands.get(row.commandId) ?? null) : null,
  }));
}

/** Moves a device from `from` to what `data` says; false when it was no longer in `from`. */
export async function moveRolloutDevice(
  rolloutId: string,
  deviceId: string,
  from: RolloutDeviceState,
  data: Prisma.RolloutDeviceUpdateManyMutationInput,
): Promise<boolean> {
  const { count } = await db.rolloutDevice.updateMany({ where: { rolloutId, deviceId, state: from }, data });
  return count === 1;
}

/** The next devices to tell, in their stage's random order, from the stages begun so far. */
export async function findQueuedDevices(rolloutId: string, throughStage: number, take: number) {
  if (take <= 0) return [];
  return db.rolloutDevice.findMany({
    where: { rolloutId, state: "queued", stage: { lte: throughStage } },
    orderBy: [{ stage: "asc" }, { position: "asc" }],
    select: { deviceId: true },
    take,
  });
}

/** How many of the rollout's devices were told in the window (its pace). */
export function countNotifiedSince(rolloutId: string, since: Date): Promise<number> {
  return db.rolloutDevice.count({ where: { rolloutId, notifiedAt: { gt: since } } });
}

/** Devices per stage and state. */
export async function countRolloutDevices(rolloutId: string) {
  const groups = await db.rolloutDevice.groupBy({
    by: ["stage", "state"],
    where: { rolloutId },
    _count: { _all: true },
  });
  return groups.map((group) => ({
    stage: group.stage,
    state: group.state as RolloutDeviceState,
    devices: group._count._all,
  }));
}

/**
 * Moves a device to failed or timed out and, in the same transaction, tells
 * the partner's webhooks (device.update_failed); false when it had moved on.
 */
export async function failRolloutDevice(options: {
  rollout: { id: string; partnerId: string; modelId: string; fileId: string; version: string };
  device: { id: string; sn: string };
  from: RolloutDeviceState;
  state: "failed" | "timed_out";
  failure: string;
  now: Date;
}): Promise<boolean> {
  const { rollout, device, now } = options;
  return db.$transaction(async (tx) => {
    const { count } = await tx.rolloutDevice.updateMany({
      where: { rolloutId: rollout.id, deviceId: device.id, state: options.from },
      data: { state: options.state, failure: options.failure, finishedAt: now, deadlineAt: null },
    });
    if (count === 0) return false;
    await enqueueWebhookEvents(tx, rollout.partnerId, [
      {
        type: "device.update_failed",
        data: {
          ...deviceEventData({ id: device.id, sn: device.sn, modelId: rollout.modelId }),
          ...rolloutEventData({ ...rollout, status: "running" }),
          state: options.state,
          failure: options.failure,
        },
      },
    ]);
    return true;
  });
}

/**
 * A device of a rollout downloading its file: notified → downloading, and
 * installing once it has been sent the file's last byte (a resumed download
 * ends there too). Nothing for a device not updating to this file.
 */
export async function markRolloutDownload(deviceId: string, fileId: string, reachedEnd: boolean): Promise<void> {
  await db.rolloutDevice.updateMany({
    where: {
      deviceId,
      state: { in: reachedEnd ? ["notified", "downloading"] : ["notified"] },
      rollout: { fileId, status: { in: ["running", "paused"] } },
    },
    data: { state: reachedEnd ? "installing" : "downloading" },
  });
}
