import "server-only";
import { db } from "../../db";
import { foldDeviceCountChanges } from "../fleet-counts/fold-device-count-changes";

/**
 * After a broker (re)start no session survives: every device connected
 * before `at` (the new broker's launch) is offline. Devices reconnect at once,
 * so their new sessions may be stored before this runs; those stay connected.
 * The fleet counts' changes this wrote (one per device) are folded at once:
 * until then every list and the overview sum them (measured: 80,000 of them
 * made the first page 86 ms instead of 4 ms at 100,000 devices, until the
 * next 5-second fold).
 */
export async function markDevicesDisconnected(at: Date): Promise<void> {
  const { count } = await db.device.updateMany({
    where: { isConnected: true, OR: [{ connectedAt: null }, { connectedAt: { lt: at } }] },
    data: { isConnected: false, disconnectedAt: at },
  });
  if (count > 0) await foldDeviceCountChanges();
}
