import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NewCommand } from "@/lib/schemas/device-command";
import { newId } from "../../ids";
import { auditEventData, type Actor } from "../audit/record-audit-event";

export type CommandToQueue = {
  partnerId: string;
  actor: Actor;
  device: { id: string; sn: string };
  command: NewCommand;
  now: Date;
  expiresAt: Date;
};

/**
 * The rows that queue commands: each command, its first status ("pending")
 * and its audit event, as three multi-row INSERTs for the caller to run in
 * one transaction. Plain SQL, because queueing is on the timed path from a
 * partner's click to the device (bench/command-roundtrip.bench.ts) and a
 * rollout queues hundreds a round (bench/rollout-pace.bench.ts), where
 * Prisma's per-query cost was most of the portal's part.
 */
export function commandInserts(commands: CommandToQueue[]): { ids: string[]; statements: Prisma.Sql[] } {
  const ids = commands.map(() => newId());
  const rows = commands.map((queued, i) => ({ ...queued, id: ids[i]! }));
  const audits = rows.map(({ partnerId, actor, device, command, now }) => ({
    ...auditEventData({
      partnerId,
      actor,
      action: "device.command",
      targetType: "device",
      targetId: device.id,
      summary: `Sent command ${command.name} to ${device.sn}`,
    }),
    now,
  }));
  const statements = [
    Prisma.sql`
      INSERT INTO "DeviceCommand" ("id", "partnerId", "deviceId", "name", "parameters", "status", "actorLabel", "createdAt", "updatedAt", "expiresAt")
      VALUES ${Prisma.join(
        rows.map(
          (r) =>
            Prisma.sql`(${r.id}, ${r.partnerId}, ${r.device.id}, ${r.command.name}, ${JSON.stringify(r.command.parameters)}, 'pending', ${r.actor.label}, ${r.now}, ${r.now}, ${r.expiresAt})`,
        ),
      )}`,
    Prisma.sql`
      INSERT INTO "DeviceCommandUpdate" ("commandId", "status", "via", "at")
      VALUES ${Prisma.join(rows.map((r) => Prisma.sql`(${r.id}, 'pending', 'portal', ${r.now})`))}`,
    Prisma.sql`
      INSERT INTO "AuditEvent" ("id", "partnerId", "actorId", "actorLabel", "action", "targetType", "targetId", "summary", "ip", "createdAt")
      VALUES ${Prisma.join(
        audits.map(
          (a) =>
            Prisma.sql`(${a.id}, ${a.partnerId}, ${a.actorId}, ${a.actorLabel}, ${a.action}, ${a.targetType}, ${a.targetId}, ${a.summary}, ${a.ip}, ${a.now})`,
        ),
      )}`,
  ];
  return { ids, statements };
}
