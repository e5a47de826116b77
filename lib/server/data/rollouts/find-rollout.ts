import "server-only";
import { FAILED_STATES } from "@/lib/schemas/rollout";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { byNewestVersion, FIRMWARE_FILE_SELECT } from "../firmware/firmware-file-select";
import { countRolloutDevices } from "./rollout-devices";

const FAILURES_SHOWN = 200;

/** One of the partner's rollouts with its progress per stage and state, its failures, and a file to roll back to. */
export async function getRolloutOrThrow(options: { partnerId: string; rolloutId: string }) {
  const rollout = await db.firmwareRollout.findFirst({
    where: { id: options.rolloutId, partnerId: options.partnerId },
    include: {
      file: { select: FIRMWARE_FILE_SELECT },
      model: { select: { id: true, name: true, communicationProtocol: true } },
    },
  });
  if (!rollout) throw new AppError("NOT_FOUND", "Rollout not found.");
  const [counts, failures, files] = await Promise.all([
    countRolloutDevices(rollout.id),
    db.rolloutDevice.findMany({
      where: { rolloutId: rollout.id, state: { in: [...FAILED_STATES] } },
      orderBy: { finishedAt: "desc" },
      take: FAILURES_SHOWN,
      select: {
        deviceId: true,
        state: true,
        failure: true,
        attempts: true,
        fromVersion: true,
        finishedAt: true,
        device: { select: { sn: true, firmwareVersion: true } },
      },
    }),
    db.firmwareFile.findMany({
      where: { modelId: rollout.modelId, fileType: rollout.file.fileType, isPrerelease: false },
      select: FIRMWARE_FILE_SELECT,
    }),
  ]);
  // The release before this rollout's file: what a rollback rolls out.
  const rollback = files.sort(byNewestVersion).find((file) => file.versionKey < rollout.file.versionKey) ?? null;
  return { ...rollout, stages: JSON.parse(rollout.stages) as number[], counts, failures, rollback };
}

export type RolloutDetail = Awaited<ReturnType<typeof getRolloutOrThrow>>;

/** The model's rollouts, newest first, with how many devices each has finished. */
export async function findModelRollouts(options: { partnerId: string; modelId: string }) {
  const rollouts = await db.firmwareRollout.findMany({
    where: { partnerId: options.partnerId, modelId: options.modelId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      status: true,
      pauseReason: true,
      createdAt: true,
      createdBy: true,
      targetDescription: true,
      file: { select: { version: true, fileType: true } },
    },
  });
  const groups = await db.rolloutDevice.groupBy({
    by: ["rolloutId", "state"],
    where: { rolloutId: { in: rollouts.map((r) => r.id) } },
    _count: { _all: true },
  });
  return rollouts.map((rollout) => {
    const mine = groups.filter((g) => g.rolloutId === rollout.id);
    const total = mine.reduce((sum, g) => sum + g._count._all, 0);
    const count = (state: string) => mine.find((g) => g.state === state)?._count._all ?? 0;
    return { ...rollout, total, succeeded: count("succeeded"), failed: count("failed") + count("timed_out") };
  });
}

export type ModelRolloutRow = Awaited<ReturnType<typeof findModelRollouts>>[number];
