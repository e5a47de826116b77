import "server-only";
import type { DeviceConfigPayload } from "@/lib/schemas/device-config";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { CONFIG_SELECT, configPayload } from "./config-payload";

/** A device's desired config (Get Config). */
export async function getDeviceConfig(deviceId: string): Promise<DeviceConfigPayload> {
  const device = await db.device.findUnique({ where: { id: deviceId }, select: CONFIG_SELECT });
  if (!device) throw new AppError("NOT_FOUND", "Device not found.");
  return configPayload(device);
}

/** The desired config if the device has not reported applying it yet, else null. */
export async function findUnappliedConfig(deviceId: string): Promise<DeviceConfigPayload | null> {
  const device = await db.device.findUnique({
    where: { id: deviceId },
    select: { ...CONFIG_SELECT, reportedConfigVersion: true },
  });
  if (!device || device.configVersion === 0 || device.reportedConfigVersion === device.configVersion) return null;
  return configPayload(device);
}

/** The desired config with the version the device last reported applying, and when (the management API). */
export async function findConfigState(options: { partnerId: string; deviceId: string }) {
  const device = await db.device.findFirst({
    where: { id: options.deviceId, partnerId: options.partnerId },
    select: { ...CONFIG_SELECT, reportedConfigVersion: true, reportedConfigAt: true },
  });
  if (!device) throw new AppError("NOT_FOUND", "Device not found.");
  return {
    ...configPayload(device),
    reportedVersion: device.reportedConfigVersion,
    reportedAt: device.reportedConfigAt,
  };
}
