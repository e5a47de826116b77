import "server-only";
import { db } from "../../db";

/**
 * The broker credentials the hub must hold: enabled devices of MQTT models.
 * With `ids`, only those devices (a missing id means "not admitted").
 */
export async function findHubCredentials(ids?: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.device.findMany({
    where: { isEnabled: true, model: { communicationProtocol: "MQTT" }, ...(ids ? { id: { in: [...ids] } } : {}) },
    select: { id: true, hubPasswordHash: true },
  });
  return new Map(rows.map((row) => [row.id, row.hubPasswordHash]));
}
