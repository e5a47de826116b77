import "server-only";
import { db } from "../../db";

/** The partner's models, newest first, with their device counts. */
export async function findModels(options: { partnerId: string }) {
  return db.deviceModel.findMany({
    where: { partnerId: options.partnerId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      sku: true,
      deviceType: true,
      communicationProtocol: true,
      createdAt: true,
      _count: { select: { devices: true } },
    },
  });
}

export type ModelRow = Awaited<ReturnType<typeof findModels>>[number];
