import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { forgetModelKeys } from "../hardware-keys/hardware-key-cache";

/**
 * Sets (or, with null, removes) the config new devices of a model start
 * from. Devices already registered keep theirs: each device's config has its
 * own versions.
 */
export async function setModelDefaultConfig(options: {
  partnerId: string;
  actor: Actor;
  modelId: string;
  config: Record<string, unknown> | null;
}): Promise<void> {
  const { partnerId, actor, modelId, config } = options;
  await db.$transaction(async (tx) => {
    const { count } = await tx.deviceModel.updateMany({
      where: { id: modelId, partnerId },
      data: { defaultConfig: config === null ? null : JSON.stringify(config) },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "Model not found.");
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "model.default_config",
      targetType: "model",
      targetId: modelId,
      summary: config === null ? "Removed the default config" : "Set the default config for new devices",
    });
  });
  // Registration reads the model through the hardware-key cache.
  forgetModelKeys(modelId);
}
