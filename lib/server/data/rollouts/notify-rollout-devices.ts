import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceCommandPayload, NewCommand } from "@/lib/schemas/device-command";
import { db } from "../../database/db";
import type { Actor } from "../audit/record-audit-event";
import { commandInserts } from "../commands/command-inserts";
import { commandRefusal } from "../commands/queue-command";

// At most this many devices per transaction: a round at the fastest pace
// (10,000 a minute) tells several hundred, and each device binds about 20
// values across the statements.
const CHUNK = 200;

/**
 * Tells a rollout's queued devices to update. Per chunk, one transaction
 * claims the devices still queued (another portal process may have taken
 * some), queues each one's command with its audit event, and records the
 * command on its row: a crash leaves a device either queued or told with
 * its command, never told without one. A device disabled since the rollout
 * began cannot take the command: it leaves the rollout, cancelled, with the
 * reason. Returns the queued commands, for the caller to push to the devices.
 */
export async function notifyRolloutDevices(options: {
  rollout: { id: string; partnerId: string; timeoutMinutes: number };
  actor: Actor;
  deviceIds: string[];
  command: (deviceId: string) => NewCommand;
  now: Date;
}): Promise<DeviceCommandPayload[]> {
  const queued: DeviceCommandPayload[] = [];
  for (let start = 0; start < options.deviceIds.length; start += CHUNK) {
    queued.push(...(await notifyChunk(options, options.deviceIds.slice(start, start + CHUNK))));
  }
  return queued;
}

async function notifyChunk(
  options: Parameters<typeof notifyRolloutDevices>[0],
  deviceIds: string[],
): Promise<DeviceCommandPayload[]> {
  const { rollout, actor, now } = options;
  const deadlineAt = new Date(now.getTime() + rollout.timeoutMinutes * 60_000);
  const inRollout = Prisma.sql`"rolloutId" = ${rollout.id} AND "deviceId" IN (${Prisma.join(deviceIds)})`;
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ deviceId: string }[]>`
      UPDATE "RolloutDevice"
      SET "state" = 'notified', "attempts" = "attempts" + 1, "notifiedAt" = ${now}, "doneAt" = NULL,
        "deadlineAt" = ${deadlineAt}, "updatedAt" = ${now}
      WHERE ${inRollout} AND "state" = 'queued'
      RETURNING "deviceId"`;
    if (claimed.length === 0) return [];
    const devices = await tx.$queryRaw<{ id: string; sn: string; isEnabled: boolean | number }[]>`
      SELECT "id", "sn", "isEnabled" FROM "Device"
      WHERE "partnerId" = ${rollout.partnerId} AND "id" IN (${Prisma.join(claimed.map((row) => row.deviceId))})`;
    const byId = new Map(devices.map((device) => [device.id, device]));
    const able: { id: string; sn: string }[] = [];
    for (const { deviceId } of claimed) {
      const refusal = commandRefusal(byId.get(deviceId));
      if (!refusal) {
        able.push(byId.get(deviceId)!);
        continue;
      }
      await tx.$executeRaw`
        UPDATE "RolloutDevice"
        SET "state" = 'cancelled', "failure" = ${refusal.message}, "finishedAt" = ${now}, "deadlineAt" = NULL, "updatedAt" = ${now}
        WHERE "rolloutId" = ${rollout.id} AND "deviceId" = ${deviceId} AND "state" = 'notified'`;
    }
    if (able.length === 0) return [];
    const commands = able.map((device) => ({ device, command: options.command(device.id) }));
    const { ids, statements } = commandInserts(
      commands.map(({ device, command }) => ({
        partnerId: rollout.partnerId,
        actor,
        device,
        command,
        now,
        expiresAt: deadlineAt,
      })),
    );
    for (const statement of statements) await tx.$executeRaw(statement);
    await tx.$executeRaw`
      UPDATE "RolloutDevice"
      SET "commandId" = CASE "deviceId" ${Prisma.join(
        able.map((device, i) => Prisma.sql`WHEN ${device.id} THEN ${ids[i]!}`),
        " ",
      )} END
      WHERE "rolloutId" = ${rollout.id} AND "deviceId" IN (${Prisma.join(able.map((device) => device.id))})`;
    return commands.map(({ device, command }, i) => ({
      id: ids[i]!,
      device_id: device.id,
      name: command.name,
      parameters: command.parameters,
      status: "pending" as const,
    }));
  });
}
