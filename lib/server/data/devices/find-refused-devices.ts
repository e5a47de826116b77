import "server-only";
import { db } from "../../database/db";

/** What a refusal's cause depends on, for the devices the hub's refusals named (ids of no device are left out). */
export function findRefusedDevices(
  ids: string[],
): Promise<{ id: string; isEnabled: boolean; model: { communicationProtocol: string } }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.device.findMany({
    where: { id: { in: ids } },
    select: { id: true, isEnabled: true, model: { select: { communicationProtocol: true } } },
  });
}
