import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";

/** One of the model's firmware files, if it is the partner's; NOT_FOUND (naming the field) otherwise. */
export async function getModelFileOrThrow(options: { partnerId: string; modelId: string; fileId: string }) {
  const file = await db.firmwareFile.findFirst({
    where: { id: options.fileId, partnerId: options.partnerId, modelId: options.modelId },
    select: { id: true, version: true, fileType: true, model: { select: { name: true } } },
  });
  if (!file) throw new AppError("NOT_FOUND", "fileId: no such file for this model");
  return file;
}
