import "server-only";
import type { DeviceInfoAnswer } from "@/lib/schemas/device-info";
import { db } from "../../database/db";
import { AppError } from "../../errors";

/** The device as Get Device Info gives it to the device itself. */
export async function findDeviceInfo(deviceId: string): Promise<DeviceInfoAnswer> {
  const device = await db.device.findUnique({
    where: { id: deviceId },
    select: {
      id: true,
      name: true,
      sn: true,
      mac: true,
      cloudId: true,
      subModel: true,
      firmwareVersion: true,
      details: true,
      hostAddress: true,
      parentId: true,
      spaceVersion: true,
      infoVersion: true,
      configVersion: true,
      createdAt: true,
      lastSeenAt: true,
      model: { select: { id: true, name: true } },
    },
  });
  // Deleted between the key check and this read.
  if (!device) throw new AppError("NOT_FOUND", "device: no such device");
  return {
    id: device.id,
    device_id: device.id,
    name: device.name,
    sn: device.sn,
    mac: device.mac,
    cloud_id: device.cloudId,
    model: { id: device.model.id, name: device.model.name, sub_model: device.subModel },
    firmware: { version: device.firmwareVersion },
    firmware_version: device.firmwareVersion,
    details: device.details ? (JSON.parse(device.details) as Record<string, unknown>) : null,
    host_address: device.hostAddress,
    parent_id: device.parentId,
    space_version: device.spaceVersion,
    info_version: device.infoVersion,
    config_version: device.configVersion,
    created_at: device.createdAt.toISOString(),
    last_seen_at: device.lastSeenAt?.toISOString() ?? null,
  };
}
