import "server-only";
import { db } from "../../db";

/** After a broker (re)start no session survives: every device is offline. */
export async function markDevicesDisconnected(at: Date): Promise<void> {
  await db.device.updateMany({ where: { isConnected: true }, data: { isConnected: false, disconnectedAt: at } });
}
