import "server-only";
import { db } from "../../db";

/**
 * After a broker (re)start no session survives: every device connected
 * before `at` (the new broker's launch) is offline. Devices reconnect at once,
 * so their new sessions may be stored before this runs; those stay connected.
 */
export async function markDevicesDisconnected(at: Date): Promise<void> {
  await db.device.updateMany({
    where: { isConnected: true, OR: [{ connectedAt: null }, { connectedAt: { lt: at } }] },
    data: { isConnected: false, disconnectedAt: at },
  });
}
