import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";

/** One device of this partner with its model; NOT_FOUND for anyone else's id. */
export async function getDeviceOrThrow(options: { partnerId: string; deviceId: string }) {
  const device = await db.device.findFirst({
    where: { id: options.deviceId, partnerId: options.partnerId },
    select: {
      id: true,
      sn: true,
      name: true,
      mac: true,
      cloudId: true,
      details: true,
      subModel: true,
      hostAddress: true,
      parentId: true,
      spaceVersion: true,
      firmwareVersion: true,
      isEnabled: true,
      isConnected: true,
      createdAt: true,
      lastSeenAt: true,
      connectedAt: true,
      disconnectedAt: true,
      model: { select: { id: true, name: true, communicationProtocol: true, offlineThresholdMinutes: true } },
    },
  });
  if (!device) throw new AppError("NOT_FOUND", "Device not found.");
  return device;
}

export type DeviceDetail = Awaited<ReturnType<typeof getDeviceOrThrow>>;
