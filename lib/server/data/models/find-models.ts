import "server-only";
import { db } from "../../database/db";

/** What a model's row shows: shared by the list and the model page. */
export const MODEL_SUMMARY_SELECT = {
  id: true,
  name: true,
  sku: true,
  deviceType: true,
  communicationProtocol: true,
  createdAt: true,
  _count: { select: { devices: true } },
} as const;

/** The partner's models, newest first, with their device counts. */
export async function findModels(options: { partnerId: string }) {
  return db.deviceModel.findMany({
    where: { partnerId: options.partnerId },
    orderBy: { createdAt: "desc" },
    select: MODEL_SUMMARY_SELECT,
  });
}

export type ModelRow = Awaited<ReturnType<typeof findModels>>[number];
