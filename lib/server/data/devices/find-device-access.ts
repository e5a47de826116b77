import "server-only";
import type { DeviceAccess } from "@/lib/hub/device-access-cache";
import { db } from "../../db";
import { admittedDeviceWhere } from "./find-hub-credentials";

/** What the broker's auth hooks decide on: the key's hash of an admitted device, or null (unknown or not admitted). */
export function findDeviceAccess(deviceId: string): Promise<DeviceAccess> {
  return db.device.findFirst({ where: { id: deviceId, ...admittedDeviceWhere }, select: { accessKeyHash: true } });
}
