import "server-only";
import type { CreateModelInput } from "@/lib/schemas/model";
import { db } from "../../database/db";
import { AppError, isUniqueViolation } from "../../errors";
import { newPublicId } from "../../ids";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

export const duplicateModelName = (name: string) =>
  new AppError("CONFLICT", `A model named "${name}" already exists.`, {
    fieldErrors: { name: [`A model named "${name}" already exists. Choose another name.`] },
  });

/** Creates a model; its communication protocol is set here and never again. */
export async function createModel(options: {
  partnerId: string;
  actor: Actor;
  input: CreateModelInput;
}): Promise<{ id: string }> {
  const { partnerId, actor, input } = options;
  const id = newPublicId("mdl");
  try {
    await db.$transaction(async (tx) => {
      await tx.deviceModel.create({
        data: {
          id,
          partnerId,
          name: input.name,
          sku: input.sku,
          deviceType: input.deviceType,
          communicationProtocol: input.communicationProtocol,
          offlineThresholdMinutes: input.offlineThresholdMinutes,
        },
      });
      await recordAuditEvent(tx, {
        partnerId,
        actor,
        action: "model.create",
        targetType: "model",
        targetId: id,
        summary: `Created model "${input.name}" (${input.communicationProtocol})`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateModelName(input.name);
    throw error;
  }
  return { id };
}
