import "server-only";
import { silentBefore } from "@/lib/devices/device-status";
import { db } from "../../database/db";
import { groupModelsByRule, type ModelRule } from "../devices/device-list-where";

/**
 * Per model, how many enabled devices with their session up (MQTT:
 * connected; HTTP: heard from at all) have been silent since before the
 * model's offline threshold: the devices that time alone turned from online
 * to offline. Each query is a range of the (modelId, isEnabled, isConnected,
 * lastSeenAt, firmwareVersion) index, answered from the index, so its cost
 * follows the number of such devices, not the size of the fleet. Models
 * that share a protocol and threshold share a query.
 */
export async function countStaleDevices(options: {
  models: readonly ModelRule[];
  now: Date;
  firmwareVersion?: string;
}): Promise<Map<string, number>> {
  const queries = groupModelsByRule(options.models).flatMap(({ rule, ids }) =>
    // An HTTP device has no session: connected or not, only silence counts.
    (rule.communicationProtocol === "MQTT" ? [true] : [true, false]).map((isConnected) =>
      db.device.groupBy({
        by: ["modelId"],
        where: {
          modelId: { in: ids },
          isEnabled: true,
          isConnected,
          lastSeenAt: { lt: silentBefore(rule, options.now) },
          ...(options.firmwareVersion ? { firmwareVersion: options.firmwareVersion } : {}),
        },
        _count: { _all: true },
      }),
    ),
  );
  const stale = new Map<string, number>();
  for (const rows of await Promise.all(queries))
    for (const row of rows) stale.set(row.modelId, (stale.get(row.modelId) ?? 0) + row._count._all);
  return stale;
}
