import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { UNFINISHED_STATUSES } from "@/lib/schemas/device-command";
import { IN_FLIGHT_STATES } from "@/lib/schemas/rollout";
import { querySql } from "../../database/db";

/** What a device API call is checked against and answered with; SQLite gives its booleans as 0 and 1. */
export type DeviceForCall = {
  id: string;
  partnerId: string;
  modelId: string;
  sn: string;
  firmwareVersion: string;
  configVersion: number;
  /** Grows with each member's edit of the device's name or details. */
  infoVersion: number;
  isEnabled: boolean | number;
  accessKeyHash: string;
  /** A command waits for the device (the telemetry answer's `command`). */
  isCommandWaiting: boolean | number;
  /** A licence waits to be applied or removed (the telemetry answer's `new_licenses`). */
  isLicenseWaiting: boolean | number;
  /** The rollout updating the device now (it has told the device, which has not finished), or null. */
  rolloutId: string | null;
  /** The gateway the device reported it sits behind (child telemetries). */
  parentId: string | null;
};

/** The device behind a device API call once its key was checked, with what its answers need (booleans as booleans). */
export type AuthenticatedDevice = Omit<
  DeviceForCall,
  "isEnabled" | "accessKeyHash" | "parentId" | "isCommandWaiting" | "isLicenseWaiting"
> & { isCommandWaiting: boolean; isLicenseWaiting: boolean };

/**
 * The device a call names, or undefined. One SQL statement, read fresh on
 * every call (a change takes effect at once), on the database's driver
 * without Prisma's client (querySql): at fleet rates (200 telemetry calls a
 * second) Prisma's per-query cost was the portal's largest CPU cost.
 */
export async function findDeviceForCall(deviceId: string): Promise<DeviceForCall | undefined> {
  const [row] = await findDevicesForCall([deviceId]);
  return row;
}

/** The devices a gateway's call names (mass and child telemetries): one statement for up to 100. */
export async function findDevicesForCall(deviceIds: readonly string[]): Promise<DeviceForCall[]> {
  if (deviceIds.length === 0) return [];
  return querySql<DeviceForCall>(Prisma.sql`
    SELECT d."id", d."partnerId", d."modelId", d."sn", d."firmwareVersion", d."configVersion", d."infoVersion", d."isEnabled", d."accessKeyHash", d."parentId",
      EXISTS (
        SELECT 1 FROM "DeviceCommand" c
        WHERE c."deviceId" = d."id" AND c."status" IN (${Prisma.join(UNFINISHED_STATUSES)}) AND c."expiresAt" > ${new Date()}
      ) AS "isCommandWaiting",
      EXISTS (
        SELECT 1 FROM "DeviceLicense" l
        WHERE l."deviceId" = d."id"
          AND ((l."desired" = 'active' AND l."state" = 'pending') OR (l."desired" = 'revoked' AND l."state" IN ('inuse', 'error')))
      ) AS "isLicenseWaiting",
      -- One table, not a join with the rollout and its file: PostgreSQL may
      -- plan this statement on every call (a custom plan, even when prepared),
      -- and the three-table join cost about 0.1 ms of planning (bench/telemetry-answer.bench.ts). Devices are in
      -- flight only in a running or paused rollout (a cancel or completion
      -- finishes them all), and a rollout's file is cached (rollout-file.ts).
      (
        SELECT rd."rolloutId" FROM "RolloutDevice" rd
        WHERE rd."deviceId" = d."id" AND rd."state" IN (${Prisma.join(IN_FLIGHT_STATES)})
        LIMIT 1
      ) AS "rolloutId"
    FROM "Device" d WHERE d."id" IN (${Prisma.join(deviceIds)})`);
}
