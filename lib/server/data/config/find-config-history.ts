import "server-only";
import { db } from "../../database/db";

/** The device's config versions, newest first, with who made each. */
export async function findConfigHistory(options: { partnerId: string; deviceId: string; take?: number }) {
  const device = await db.device.findFirst({
    where: { id: options.deviceId, partnerId: options.partnerId },
    select: { config: true, configVersion: true, configUpdatedAt: true, createdAt: true },
  });
  if (!device) return [];
  const rows = await db.deviceConfig.findMany({
    where: { deviceId: options.deviceId },
    orderBy: { version: "desc" },
    take: options.take ?? 20,
    select: { version: true, config: true, source: true, createdAt: true },
  });
  // The version a device was registered with is on its row until a change replaces it.
  if (device.configVersion > 0 && device.config !== null && !rows.some((row) => row.version === device.configVersion)) {
    rows.unshift({
      version: device.configVersion,
      config: device.config,
      source: "model default",
      createdAt: device.configUpdatedAt ?? device.createdAt,
    });
  }
  return rows.map((row) => ({ ...row, config: JSON.parse(row.config) as Record<string, unknown> }));
}

export type ConfigVersionView = Awaited<ReturnType<typeof findConfigHistory>>[number];
