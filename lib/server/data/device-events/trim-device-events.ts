import "server-only";
import { db } from "../../database/db";
import { grownHistories } from "./record-device-events";

/**
 * Keeps each device's history to its newest `keep` events (older ones also
 * go after the retention period, with the telemetry). Only devices written to
 * since the last trim are looked at. Returns how many events went.
 */
export async function trimDeviceEvents(keep = 1_000): Promise<number> {
  const ids = [...grownHistories];
  grownHistories.clear();
  let deleted = 0;
  for (const deviceId of ids) {
    const [boundary] = await db.deviceEvent.findMany({
      where: { deviceId },
      orderBy: { id: "desc" },
      skip: keep,
      take: 1,
      select: { id: true },
    });
    if (!boundary) continue;
    deleted += (await db.deviceEvent.deleteMany({ where: { deviceId, id: { lte: boundary.id } } })).count;
  }
  return deleted;
}
