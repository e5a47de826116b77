import "server-only";
import { db } from "../../database/db";

/** Devices with an open hub session, from the database where presence is kept (the whole fleet, whichever process heard them). */
export function countConnectedDevices(): Promise<number> {
  return db.device.count({ where: { isConnected: true } });
}
