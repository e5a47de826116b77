import "server-only";
import { db } from "../../database/db";

/**
 * Deletes telemetry messages, per-minute figures and device events older
 * than `before`, a chunk at a time so that no single statement holds the
 * database for long (and each stays under SQLite's 999 parameters, which
 * Prisma splits for findMany but not for deleteMany). Returns how many rows went.
 */
export async function deleteExpiredHistory(before: Date, chunk = 500): Promise<number> {
  let deleted = 0;
  for (;;) {
    const messages = await db.telemetryMessage.findMany({
      where: { receivedAt: { lt: before } },
      select: { id: true },
      take: chunk,
    });
    if (messages.length === 0) break;
    deleted += (await db.telemetryMessage.deleteMany({ where: { id: { in: messages.map((m) => m.id) } } })).count;
  }
  for (;;) {
    const events = await db.deviceEvent.findMany({ where: { at: { lt: before } }, select: { id: true }, take: chunk });
    if (events.length === 0) break;
    deleted += (await db.deviceEvent.deleteMany({ where: { id: { in: events.map((e) => e.id) } } })).count;
  }
  // Per-minute rows are few (one per device, key and minute); one statement.
  const minute = Math.floor(before.getTime() / 60_000);
  deleted += (await db.telemetryMinute.deleteMany({ where: { minute: { lt: minute } } })).count;
  return deleted;
}
