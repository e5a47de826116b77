import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { db } from "../../database/db";

// Devices whose history grew since the last trim (housekeeping keeps each to its newest events).
export const grownHistories = processState<Set<string>>("grown-histories", () => new Set<string>());

export type DeviceEventInput = { deviceId: string; at: Date; kind: string; detail: Record<string, unknown> };

/** Stores events about devices; those of devices deleted meanwhile are skipped. */
export async function recordDeviceEvents(events: readonly DeviceEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((event) => event.deviceId))];
  const existing = new Set(
    (await db.device.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((d) => d.id),
  );
  const data = events
    .filter((event) => existing.has(event.deviceId))
    .map((event) => ({
      deviceId: event.deviceId,
      at: event.at,
      kind: event.kind,
      detail: JSON.stringify(event.detail),
    }));
  if (data.length === 0) return;
  await db.deviceEvent.createMany({ data });
  for (const row of data) grownHistories.add(row.deviceId);
}
