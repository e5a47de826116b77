import "server-only";
import { UNFINISHED_STATUSES } from "@/lib/schemas/device-command";
import { db } from "../../database/db";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { commandEventData } from "../webhooks/webhook-payload";

/** Marks commands nobody finished before their expiry as expired (a batch under SQLite's 999 parameters); returns how many. */
export async function expireCommands(now = new Date(), batch = 500): Promise<number> {
  const due = await db.deviceCommand.findMany({
    where: { status: { in: [...UNFINISHED_STATUSES] }, expiresAt: { lte: now } },
    select: { id: true },
    take: batch,
  });
  if (due.length === 0) return 0;
  const ids = due.map((row) => row.id);
  return db.$transaction(async (tx) => {
    // Only those still unfinished: a device may have finished one meanwhile.
    const still = await tx.deviceCommand.findMany({
      where: { id: { in: ids }, status: { in: [...UNFINISHED_STATUSES] } },
      select: { id: true, partnerId: true, deviceId: true, name: true },
    });
    const stillIds = still.map((row) => row.id);
    await tx.deviceCommand.updateMany({
      where: { id: { in: stillIds } },
      data: { status: "expired", message: "Nobody finished it before it expired." },
    });
    await tx.deviceCommandUpdate.createMany({
      data: stillIds.map((commandId) => ({ commandId, status: "expired", via: "expiry", at: now })),
    });
    const message = "Nobody finished it before it expired.";
    for (const partnerId of new Set(still.map((command) => command.partnerId))) {
      const expired = still.filter((command) => command.partnerId === partnerId);
      await enqueueWebhookEvents(
        tx,
        partnerId,
        expired.map((command) => ({
          type: "command.status_changed" as const,
          data: commandEventData({ ...command, status: "expired", message }),
        })),
      );
    }
    return stillIds.length;
  });
}
