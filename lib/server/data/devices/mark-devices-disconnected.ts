import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../../database/db";
import { foldDeviceCountChanges } from "../fleet-counts/fold-device-count-changes";

// Rows per statement. One statement for the whole fleet held every
// connected device's row lock until it ended (400,000 devices: 53 s on
// PostgreSQL), so their presence writes waited; and a portal stopped
// meanwhile lost all of it.
const CHUNK = 5_000;

/**
 * After a broker (re)start no session survives: every device connected
 * before `at` (the new broker's launch) is offline. Devices reconnect at once,
 * so their new sessions may be stored before this runs; those stay connected.
 * The fleet counts' changes this wrote (one per device) are folded at once:
 * until then every list and the overview sum them (measured: 80,000 of them
 * made the first page 86 ms instead of 4 ms at 100,000 devices, until the
 * next 5-second fold). Returns how many devices it marked.
 */
export async function markDevicesDisconnected(at: Date, chunk = CHUNK): Promise<number> {
  const fromBefore: Prisma.DeviceWhereInput = {
    isConnected: true,
    OR: [{ connectedAt: null }, { connectedAt: { lt: at } }],
  };
  let marked = 0;
  let after: string | undefined;
  for (;;) {
    const fromAfter = after ? { AND: [fromBefore, { id: { gt: after } }] } : fromBefore;
    // The chunk's last id bounds its update: a range, not a list of 5,000
    // ids (past SQLite's limit on a statement's parameters). None: fewer are left.
    const [boundary] = await db.device.findMany({
      where: fromAfter,
      orderBy: { id: "asc" },
      skip: chunk - 1,
      take: 1,
      select: { id: true },
    });
    // The condition again: a device that reconnected since the read keeps its new session.
    const { count } = await db.device.updateMany({
      where: boundary ? { AND: [fromAfter, { id: { lte: boundary.id } }] } : fromAfter,
      data: { isConnected: false, disconnectedAt: at },
    });
    marked += count;
    if (!boundary) break;
    after = boundary.id;
  }
  if (marked > 0) await foldDeviceCountChanges();
  return marked;
}
