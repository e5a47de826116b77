import "server-only";
import { db } from "../../db";

/** A device's latest events of some kinds, newest first. */
export async function findDeviceEvents(options: {
  partnerId: string;
  deviceId: string;
  kinds: string[];
  take?: number;
}) {
  const rows = await db.deviceEvent.findMany({
    where: { deviceId: options.deviceId, device: { partnerId: options.partnerId }, kind: { in: options.kinds } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: options.take ?? 20,
    select: { id: true, at: true, kind: true, detail: true },
  });
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}
