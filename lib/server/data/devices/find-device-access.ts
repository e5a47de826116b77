import "server-only";
import type { DeviceAccess } from "@/lib/hub/device-access-cache";
import { db } from "../../db";

/** What the broker's auth hooks decide on: the key's hash and whether the hub admits the device at all. */
export async function findDeviceAccess(deviceId: string): Promise<DeviceAccess> {
  const device = await db.device.findUnique({
    where: { id: deviceId },
    select: { accessKeyHash: true, isEnabled: true, model: { select: { communicationProtocol: true } } },
  });
  if (!device) return null;
  return { accessKeyHash: device.accessKeyHash, isAdmitted: device.isEnabled && device.model.communicationProtocol === "MQTT" };
}
