import "server-only";
import { db } from "../../database/db";

/** How many of a partner's devices share a model, firmware and presence state. */
export type DeviceStateCount = {
  modelId: string;
  firmwareVersion: string;
  isEnabled: boolean;
  isConnected: boolean;
  isSeen: boolean;
  devices: number;
};

type Row = Omit<DeviceStateCount, "isEnabled" | "isConnected" | "isSeen" | "devices"> & {
  isEnabled: boolean | number;
  isConnected: boolean | number;
  isSeen: boolean | number;
  devices: number | bigint;
};

/**
 * The partner's device counts per model, firmware and presence state: the
 * folded counts plus the changes not folded in yet, read in one statement
 * so that a fold running meanwhile can neither hide a change nor count it
 * twice. Its cost follows the number of groups, not of devices.
 */
export async function readDeviceStateCounts(partnerId: string): Promise<DeviceStateCount[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", SUM("devices") AS "devices"
    FROM (
      SELECT "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "devices"
      FROM "DeviceStateCount" WHERE "partnerId" = ${partnerId}
      UNION ALL
      SELECT "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "devices"
      FROM "DeviceCountChange" WHERE "partnerId" = ${partnerId}
    ) AS "groups"
    GROUP BY "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen"`;
  // SQLite answers booleans as 0/1, PostgreSQL's SUM as a bigint.
  return rows
    .map((row) => ({
      modelId: row.modelId,
      firmwareVersion: row.firmwareVersion,
      isEnabled: Boolean(row.isEnabled),
      isConnected: Boolean(row.isConnected),
      isSeen: Boolean(row.isSeen),
      devices: Number(row.devices),
    }))
    .filter((row) => row.devices !== 0);
}

/** Devices registered per UTC day (YYYY-MM-DD) from `fromDay` on, and not deleted since. */
export async function readRegistrationsPerDay(partnerId: string, fromDay: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<Array<{ day: string; registrations: number | bigint }>>`
    SELECT "day", SUM("registrations") AS "registrations"
    FROM (
      SELECT "day", "registrations" FROM "PartnerDailyStat" WHERE "partnerId" = ${partnerId} AND "day" >= ${fromDay}
      UNION ALL
      SELECT "registeredOn" AS "day", "devices" AS "registrations"
      FROM "DeviceCountChange" WHERE "partnerId" = ${partnerId} AND "registeredOn" >= ${fromDay}
    ) AS "days"
    GROUP BY "day"`;
  return new Map(rows.map((row) => [row.day, Number(row.registrations)]));
}
