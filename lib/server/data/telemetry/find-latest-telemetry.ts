import "server-only";
import type { TelemetryValue } from "@/lib/schemas/telemetry";
import { db } from "../../database/db";
import { AppError } from "../../errors";

/** A device's latest telemetry: its status, when, and the latest value of every key. */
export async function findLatestTelemetry(partnerId: string, deviceId: string) {
  const device = await db.device.findFirst({
    where: { id: deviceId, partnerId },
    select: { telemetryState: true, telemetryStatus: true, telemetryAt: true },
  });
  if (!device) throw new AppError("NOT_FOUND", "Device not found.");
  return {
    status: device.telemetryStatus,
    at: device.telemetryAt,
    values: device.telemetryState ? (JSON.parse(device.telemetryState) as Record<string, TelemetryValue>) : {},
  };
}
