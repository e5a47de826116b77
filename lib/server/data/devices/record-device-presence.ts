import "server-only";
import type { PresenceUpdate } from "@/lib/hub/presence";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, sqlTransaction } from "../../database/db";

/**
 * Stores a batch of presence updates (ids that are not devices are skipped)
 * and adds the batch's connections to each partner's count for the day.
 */
export async function recordDevicePresence(updates: readonly PresenceUpdate[]): Promise<void> {
  // In id order, as the telemetry store updates devices: two transactions
  // that lock rows in one order cannot deadlock each other (PostgreSQL).
  const ordered = [...updates].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  // Plain SQL, a statement per device, on the database's driver without
  // Prisma's client (sqlTransaction): a fleet reconnecting is thousands of
  // these, and Prisma 6.19 compiles every query anew (docs/performance.md).
  // A field the update does not carry keeps its value.
  await sqlTransaction(async (sql) => {
    for (const { deviceId, isConnected, connectedAt, disconnectedAt, lastSeenAt } of ordered)
      await sql.execute(Prisma.sql`
        UPDATE "Device" SET
          "lastSeenAt" = ${lastSeenAt},
          "isConnected" = COALESCE(${isConnected ?? null}, "isConnected"),
          "connectedAt" = COALESCE(${connectedAt ?? null}, "connectedAt"),
          "disconnectedAt" = COALESCE(${disconnectedAt ?? null}, "disconnectedAt")
        WHERE "id" = ${deviceId}`);
  });
  const connects = updates.filter((update) => update.connectedAt);
  if (connects.length === 0) return;
  const owners = await db.device.findMany({
    where: { id: { in: connects.map((update) => update.deviceId) } },
    select: { id: true, partnerId: true },
  });
  const partnerOf = new Map(owners.map((owner) => [owner.id, owner.partnerId]));
  const counts = new Map<string, { partnerId: string; day: string; connections: number }>();
  for (const update of connects) {
    const partnerId = partnerOf.get(update.deviceId);
    if (!partnerId) continue;
    const day = update.connectedAt!.toISOString().slice(0, 10);
    const key = `${partnerId}/${day}`;
    const entry = counts.get(key) ?? { partnerId, day, connections: 0 };
    entry.connections += 1;
    counts.set(key, entry);
  }
  await db.$transaction(
    [...counts.values()].map(({ partnerId, day, connections }) =>
      db.partnerDailyStat.upsert({
        where: { partnerId_day: { partnerId, day } },
        create: { partnerId, day, connections },
        update: { connections: { increment: connections } },
      }),
    ),
  );
}
