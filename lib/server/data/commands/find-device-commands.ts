import "server-only";
import { db } from "../../db";

/** A device's latest commands with every status they went through, for its page. */
export async function findDeviceCommands(options: { partnerId: string; deviceId: string; take?: number }) {
  const rows = await db.deviceCommand.findMany({
    where: { deviceId: options.deviceId, partnerId: options.partnerId },
    orderBy: { createdAt: "desc" },
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
