import "server-only";
import { env } from "@/lib/env";
import type { DeviceCommandPayload, NewCommand } from "@/lib/schemas/device-command";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { auditEventData, type Actor } from "../audit/record-audit-event";

/**
 * Queues a command for one of the partner's devices, audited in the same
 * transaction. It waits as "pending" until the device takes it (over HTTP,
 * or when the portal pushes it over MQTT) and expires after
 * COMMAND_EXPIRY_MINUTES if nobody finishes it.
 */
export async function queueCommand(options: {
  partnerId: string;
  actor: Actor;
  deviceId: string;
  command: NewCommand;
  /** How long it waits for the device (a rollout's per-device timeout); default COMMAND_EXPIRY_MINUTES. */
  expiresInMinutes?: number;
}): Promise<DeviceCommandPayload> {
  const { partnerId, actor, command } = options;
  const [device] = await db.$queryRaw<Array<{ id: string; sn: string; isEnabled: boolean | number }>>`
    SELECT "id", "sn", "isEnabled" FROM "Device" WHERE "id" = ${options.deviceId} AND "partnerId" = ${partnerId}`;
  if (!device) throw new AppError("NOT_FOUND", "Device not found.");
  if (!device.isEnabled) {
    throw new AppError("CONFLICT", "The device is disabled, so it cannot take commands. Enable it first.");
  }
  const now = new Date();
  const expiresAt = new Date(now.getTime() + (options.expiresInMinutes ?? env().COMMAND_EXPIRY_MINUTES) * 60_000);
  const id = newId();
  const parameters = JSON.stringify(command.parameters);
  const audit = auditEventData({
    partnerId,
    actor,
    action: "device.command",
    targetType: "device",
    targetId: device.id,
    summary: `Sent command ${command.name} to ${device.sn}`,
  });
  // The command, its first status and its audit event in one batch
  // transaction, as plain SQL: this is on the timed path from the partner's
  // click to the device (bench/command-roundtrip.bench.ts), where Prisma's
  // per-query cost was most of the portal's part. A device deleted between
  // the read and the write fails the foreign key: nothing is written.
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO "DeviceCommand" ("id", "partnerId", "deviceId", "name", "parameters", "status", "actorLabel", "createdAt", "updatedAt", "expiresAt")
      VALUES (${id}, ${partnerId}, ${device.id}, ${command.name}, ${parameters}, 'pending', ${actor.label}, ${now}, ${now}, ${expiresAt})`,
    db.$executeRaw`
      INSERT INTO "DeviceCommandUpdate" ("commandId", "status", "via", "at") VALUES (${id}, 'pending', 'portal', ${now})`,
    db.$executeRaw`
      INSERT INTO "AuditEvent" ("id", "partnerId", "actorId", "actorLabel", "action", "targetType", "targetId", "summary", "ip", "createdAt")
      VALUES (${audit.id}, ${audit.partnerId}, ${audit.actorId}, ${audit.actorLabel}, ${audit.action}, ${audit.targetType}, ${audit.targetId}, ${audit.summary}, ${audit.ip}, ${now})`,
  ]);
  return { id, device_id: device.id, name: command.name, parameters: command.parameters, status: "pending" };
}
