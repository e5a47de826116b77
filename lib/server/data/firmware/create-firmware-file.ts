import "server-only";
import { isPrerelease, versionKey } from "@/lib/firmware/semver";
import type { FirmwareUpload } from "@/lib/schemas/firmware";
import { db } from "../../database/db";
import { AppError, isUniqueViolation } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { forgetNewestFirmware } from "./newest-firmware";

type Target = { partnerId: string; modelId: string; input: FirmwareUpload };

const taken = (input: FirmwareUpload) =>
  new AppError("CONFLICT", `version: ${input.version} (${input.fileType}) is already uploaded for this model`, {
    fieldErrors: { version: [`${input.version} is already uploaded for this model`] },
  });

/**
 * Checked before an upload's bytes are read, so a wrong model or a version
 * already there is refused at once rather than after hundreds of MB; the
 * insert checks again (the unique index), as two uploads may race.
 */
export async function assertFirmwareUploadable({ partnerId, modelId, input }: Target): Promise<{ modelName: string }> {
  const model = await db.deviceModel.findFirst({ where: { id: modelId, partnerId }, select: { name: true } });
  if (!model) throw new AppError("NOT_FOUND", "Model not found.");
  const existing = await db.firmwareFile.findFirst({
    where: { modelId, fileType: input.fileType, version: input.version },
    select: { id: true },
  });
  if (existing) throw taken(input);
  return { modelName: model.name };
}

/** The row of a file whose bytes are stored (lib/server/firmware/firmware-store.ts), with its audit event. */
export async function createFirmwareFile(
  target: Target & { actor: Actor; id: string; sha256: string; size: number },
): Promise<void> {
  const { partnerId, modelId, input, actor, id } = target;
  try {
    await db.$transaction(async (tx) => {
      const model = await tx.deviceModel.findFirst({ where: { id: modelId, partnerId }, select: { name: true } });
      if (!model) throw new AppError("NOT_FOUND", "Model not found.");
      await tx.firmwareFile.create({
        data: {
          id,
          partnerId,
          modelId,
          name: input.name,
          fileType: input.fileType,
          version: input.version,
          versionKey: versionKey(input.version),
          isPrerelease: isPrerelease(input.version),
          sha256: target.sha256,
          size: target.size,
          notes: input.notes,
          publicNotes: input.publicNotes,
          createdBy: actor.label,
        },
      });
      await recordAuditEvent(tx, {
        partnerId,
        actor,
        action: "firmware.upload",
        targetType: "model",
        targetId: modelId,
        summary: `Uploaded ${input.fileType} ${input.version} ("${input.name}", ${target.size} bytes) to model "${model.name}"`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input);
    throw error;
  }
  forgetNewestFirmware(modelId);
}
