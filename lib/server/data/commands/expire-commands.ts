import "server-only";
import { UNFINISHED_STATUSES } from "@/lib/schemas/device-command";
import { db } from "../../db";

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
      select: { id: true },
    });
    const stillIds = still.map((row) => row.id);
    await tx.deviceCommand.updateMany({
      where: { id: { in: stillIds } },
      data: { status: "expired", message: "Nobody finished it before it expired." },
    });
    await tx.deviceCommandUpdate.createMany({
      data: stillIds.map((commandId) => ({ commandId, status: "expired", via: "expiry", at: now })),
    });
    return stillIds.length;
  });
}
