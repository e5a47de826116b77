import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../../database/db";

/** The devices a hub admits: enabled, of an MQTT model. One rule for every hub mode. */
export const admittedDeviceWhere = {
  isEnabled: true,
  model: { communicationProtocol: "MQTT" },
} satisfies Prisma.DeviceWhereInput;

/**
 * The broker credentials the hub must hold: the admitted devices.
 * With `ids`, only those devices (a missing id means "not admitted").
 */
export async function findHubCredentials(ids?: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.device.findMany({
    where: { ...admittedDeviceWhere, ...(ids ? { id: { in: [...ids] } } : {}) },
    select: { id: true, hubPasswordHash: true },
  });
  return new Map(rows.map((row) => [row.id, row.hubPasswordHash]));
}
