import "server-only";
import { db } from "../../database/db";

/**
 * A device's history, newest first: of some kinds, or all; a page at a time
 * (`before` is the id of the oldest event already shown).
 */
export async function findDeviceEvents(options: {
  partnerId: string;
  deviceId: string;
  kinds?: string[];
  before?: number;
  take?: number;
}) {
  const rows = await db.deviceEvent.findMany({
    where: {
      deviceId: options.deviceId,
      device: { partnerId: options.partnerId },
      ...(options.kinds ? { kind: { in: options.kinds } } : {}),
      ...(options.before ? { id: { lt: options.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: options.take ?? 20,
    select: { id: true, at: true, kind: true, detail: true },
  });
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

export type DeviceEventView = Awaited<ReturnType<typeof findDeviceEvents>>[number];
