import "server-only";
import type { LicenseTypeInput } from "@/lib/schemas/license";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { newPublicId } from "../../ids";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

export type LicenseTypeRow = { id: string; name: string; description: string | null; createdAt: Date };

/** Adds a licence type to one of the partner's models; a name is used once per model. */
export async function createLicenseType(options: {
  partnerId: string;
  actor: Actor;
  input: LicenseTypeInput;
}): Promise<LicenseTypeRow> {
  const { partnerId, actor, input } = options;
  return db.$transaction(async (tx) => {
    const model = await tx.deviceModel.findFirst({ where: { id: input.modelId, partnerId }, select: { name: true } });
    if (!model) throw new AppError("NOT_FOUND", "Model not found.");
    const taken = await tx.licenseType.findFirst({ where: { modelId: input.modelId, name: input.name } });
    if (taken) {
      throw new AppError("CONFLICT", `${input.name} is already a licence type of this model.`, {
        fieldErrors: { name: ["This model already has a licence type with this name"] },
      });
    }
    const type = await tx.licenseType.create({
      data: { id: newPublicId("lict"), partnerId, ...input },
      select: { id: true, name: true, description: true, createdAt: true },
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "license_type.create",
      targetType: "model",
      targetId: input.modelId,
      summary: `Added licence type "${input.name}" to model "${model.name}"`,
    });
    return type;
  });
}

/** A model's licence types, by name. */
export function findLicenseTypes(partnerId: string, modelId: string): Promise<LicenseTypeRow[]> {
  return db.licenseType.findMany({
    where: { partnerId, modelId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, createdAt: true },
  });
}
