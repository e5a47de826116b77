import "server-only";
import type { UpdateModelInput } from "@/lib/schemas/model";
import { db } from "../../database/db";
import { AppError, isProtocolGuardViolation, isUniqueViolation } from "../../errors";
import { PROTOCOL_LOCKED_MESSAGE } from "@/lib/schemas/model";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { duplicateModelName } from "./create-model";

/**
 * Updates a model's editable fields. The data is listed field by field on
 * purpose: the communication protocol is not among them and never will be.
 */
export async function updateModel(options: {
  partnerId: string;
  actor: Actor;
  input: UpdateModelInput;
}): Promise<void> {
  const { partnerId, actor, input } = options;
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.deviceModel.updateMany({
        where: { id: input.modelId, partnerId },
        data: {
          name: input.name,
          sku: input.sku,
          deviceType: input.deviceType,
          offlineThresholdMinutes: input.offlineThresholdMinutes,
        },
      });
      if (count === 0) throw new AppError("NOT_FOUND", "Model not found.");
      await recordAuditEvent(tx, {
        partnerId,
        actor,
        action: "model.update",
        targetType: "model",
        targetId: input.modelId,
        summary: `Updated model "${input.name}"`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateModelName(input.name);
    if (isProtocolGuardViolation(error)) throw new AppError("PROTOCOL_IMMUTABLE", PROTOCOL_LOCKED_MESSAGE);
    throw error;
  }
}
