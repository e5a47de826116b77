import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { forgetHardwareKey } from "./hardware-key-cache";

/**
 * Revokes a hardware key: firmware can no longer register with it. Devices it
 * already registered keep working. Revoking twice is refused with a message.
 */
export async function revokeHardwareKey(options: {
  partnerId: string;
  actor: Actor;
  keyId: string;
}): Promise<{ modelId: string; label: string }> {
  const { partnerId, actor, keyId } = options;
  const result = await db.$transaction(async (tx) => {
    const key = await tx.hardwareKey.findFirst({
      where: { id: keyId, model: { partnerId } },
      select: { id: true, label: true, modelId: true, revokedAt: true },
    });
    if (!key) throw new AppError("NOT_FOUND", "Hardware key not found.");
    if (key.revokedAt) throw new AppError("CONFLICT", `Hardware key "${key.label}" is already revoked.`);
    await tx.hardwareKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "hardware_key.revoke",
      targetType: "hardware_key",
      targetId: key.id,
      summary: `Revoked hardware key "${key.label}"`,
    });
    return { id: key.id, modelId: key.modelId, label: key.label };
  });
  forgetHardwareKey(result.id);
  return { modelId: result.modelId, label: result.label };
}
