import "server-only";
import type { CreateHardwareKeyInput } from "@/lib/schemas/hardware-key";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { newPublicId } from "../../ids";
import { generateSecret, hashSecret } from "../../secrets";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

export const HARDWARE_KEY_PREFIX = "phk";

/**
 * Creates a hardware key for one of the partner's models. The secret is in the
 * return value only: the database keeps its HMAC and a short prefix.
 */
export async function createHardwareKey(options: {
  partnerId: string;
  actor: Actor;
  input: CreateHardwareKeyInput;
}): Promise<{ id: string; secret: string; label: string }> {
  const { partnerId, actor, input } = options;
  const secret = generateSecret(HARDWARE_KEY_PREFIX);
  const id = newPublicId("hk");
  await db.$transaction(async (tx) => {
    const model = await tx.deviceModel.findFirst({
      where: { id: input.modelId, partnerId },
      select: { id: true, name: true },
    });
    if (!model) throw new AppError("NOT_FOUND", "Model not found.");
    await tx.hardwareKey.create({
      data: {
        id,
        modelId: model.id,
        label: input.label,
        expectedDevices: input.expectedDevices,
        keyHash: hashSecret(secret),
        keyPrefix: secret.slice(0, HARDWARE_KEY_PREFIX.length + 7),
      },
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "hardware_key.create",
      targetType: "hardware_key",
      targetId: id,
      summary: `Created hardware key "${input.label}" for model "${model.name}"`,
    });
  });
  return { id, secret, label: input.label };
}
