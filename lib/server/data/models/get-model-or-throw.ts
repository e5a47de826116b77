import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { MODEL_SUMMARY_SELECT } from "./find-models";

/** One model of this partner with its counts; NOT_FOUND for anyone else's id. */
export async function getModelOrThrow(options: { partnerId: string; modelId: string }) {
  const model = await db.deviceModel.findFirst({
    where: { id: options.modelId, partnerId: options.partnerId },
    select: { ...MODEL_SUMMARY_SELECT, offlineThresholdMinutes: true, updatedAt: true, defaultConfig: true },
  });
  if (!model) throw new AppError("NOT_FOUND", "Model not found.");
  return model;
}

export type ModelDetail = Awaited<ReturnType<typeof getModelOrThrow>>;
