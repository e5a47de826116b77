import "server-only";
import { db } from "../../database/db";
import type { KeysetCursor } from "../keyset-cursor";

/**
 * A device's latest commands with every status they went through, newest
 * first (for its page), or those after a keyset cursor (the API's pages).
 */
export async function findDeviceCommands(options: {
  partnerId: string;
  deviceId: string;
  take?: number;
  after?: KeysetCursor;
}) {
  const at = options.after ? new Date(options.after.value ?? 0) : null;
  const rows = await db.deviceCommand.findMany({
    where: {
      deviceId: options.deviceId,
      partnerId: options.partnerId,
      ...(at && options.after
        ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: options.after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take ?? 20,
    select: {
      id: true,
      name: true,
      parameters: true,
      status: true,
      message: true,
      actorLabel: true,
      createdAt: true,
      expiresAt: true,
      updates: { orderBy: { id: "asc" }, select: { status: true, message: true, via: true, at: true } },
    },
  });
  return rows.map((row) => ({ ...row, parameters: JSON.parse(row.parameters) as Record<string, unknown> }));
}

export type DeviceCommandView = Awaited<ReturnType<typeof findDeviceCommands>>[number];
