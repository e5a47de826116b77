import "server-only";
import { db } from "../../database/db";

/** A model's hardware keys (never their secrets), newest first, with usage. */
export async function findHardwareKeys(options: { partnerId: string; modelId: string }) {
  return db.hardwareKey.findMany({
    where: { modelId: options.modelId, model: { partnerId: options.partnerId } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      label: true,
      keyPrefix: true,
      expectedDevices: true,
      createdAt: true,
      revokedAt: true,
      _count: { select: { devices: true } },
    },
  });
}

export type HardwareKeyRow = Awaited<ReturnType<typeof findHardwareKeys>>[number];
