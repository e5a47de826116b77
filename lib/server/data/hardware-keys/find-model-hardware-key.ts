import "server-only";
import { db } from "../../database/db";

/** A hardware key of one of the partner's models, revoked or not; null when it is not theirs or not that model's. */
export function findModelHardwareKey(options: {
  partnerId: string;
  modelId: string;
  hardwareKeyId: string;
}): Promise<{ id: string; revokedAt: Date | null } | null> {
  return db.hardwareKey.findFirst({
    where: { id: options.hardwareKeyId, modelId: options.modelId, model: { partnerId: options.partnerId } },
    select: { id: true, revokedAt: true },
  });
}
