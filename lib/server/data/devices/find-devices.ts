import "server-only";
import { db } from "../../db";

/** A model's devices, newest first (the latest `take`), scoped to the partner. */
export async function findDevices(options: { partnerId: string; modelId: string; take?: number }) {
  return db.device.findMany({
    where: { modelId: options.modelId, partnerId: options.partnerId },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 100,
    select: {
      id: true,
      sn: true,
      name: true,
      mac: true,
      firmwareVersion: true,
      isEnabled: true,
      isConnected: true,
      lastSeenAt: true,
      createdAt: true,
    },
  });
}

export type DeviceRow = Awaited<ReturnType<typeof findDevices>>[number];
