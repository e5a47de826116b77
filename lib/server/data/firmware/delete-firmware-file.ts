import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { forgetNewestFirmware } from "./newest-firmware";

/**
 * Deletes a file's row (the caller then removes its bytes: a crash in
 * between leaves bytes no row names, which housekeeping sweeps).
 */
export async function deleteFirmwareFile(options: {
  partnerId: string;
  actor: Actor;
  fileId: string;
}): Promise<{ modelId: string; version: string }> {
  const { partnerId, actor, fileId } = options;
  const file = await db.$transaction(async (tx) => {
    const found = await tx.firmwareFile.findFirst({
      where: { id: fileId, partnerId },
      select: { id: true, modelId: true, version: true, fileType: true, model: { select: { name: true } } },
    });
    if (!found) throw new AppError("NOT_FOUND", "Firmware file not found.");
    // A rollout's page keeps naming its file, so a file once rolled out stays.
    const rollout = await tx.firmwareRollout.findFirst({ where: { fileId: found.id }, select: { id: true } });
    if (rollout) {
      throw new AppError(
        "CONFLICT",
        `Firmware ${found.version} is in use by rollout ${rollout.id}, so it cannot be deleted.`,
      );
    }
    await tx.firmwareFile.delete({ where: { id: found.id } });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "firmware.delete",
      targetType: "model",
      targetId: found.modelId,
      summary: `Deleted ${found.fileType} ${found.version} from model "${found.model.name}"`,
    });
    return found;
  });
  forgetNewestFirmware(file.modelId);
  return { modelId: file.modelId, version: file.version };
}
