import "server-only";
import { db } from "../../database/db";

/** Ids of a model's connected devices after `afterId`, in id order (a page of at most `take`). */
export async function findConnectedModelDevices(modelId: string, afterId: string | null, take: number) {
  const rows = await db.device.findMany({
    where: { modelId, isConnected: true, isEnabled: true, ...(afterId ? { id: { gt: afterId } } : {}) },
    orderBy: { id: "asc" },
    select: { id: true },
    take,
  });
  return rows.map((row) => row.id);
}
