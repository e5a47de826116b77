import "server-only";
import { UNFINISHED_STATES, type RolloutControl } from "@/lib/schemas/rollout";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import type { Actor } from "../audit/record-audit-event";
import { changeRolloutStatus } from "./change-rollout-status";

/**
 * A member's pause, resume or cancel. A resume after a stage finished (a
 * rollout that waits for promotion) starts the next stage.
 */
export async function controlRollout(options: {
  partnerId: string;
  actor: Actor;
  input: RolloutControl;
}): Promise<{ status: string }> {
  const { partnerId, actor, input } = options;
  const rollout = await db.firmwareRollout.findFirst({
    where: { id: input.rolloutId, partnerId },
    select: { id: true, status: true, stages: true, currentStage: true },
  });
  if (!rollout) throw new AppError("NOT_FOUND", "Rollout not found.");
  const refuse = (what: string) =>
    new AppError("CONFLICT", `This rollout is ${rollout.status}, so it cannot be ${what}.`);
  const change = (
    from: "running" | "paused",
    to: "running" | "paused" | "cancelled",
    extra: { reason: string | null; currentStage?: number },
  ) => changeRolloutStatus({ rolloutId: rollout.id, partnerId, from, to, actor, ...extra });
  let isChanged: boolean;
  if (input.control === "pause") {
    if (rollout.status !== "running") throw refuse("paused");
    isChanged = await change("running", "paused", { reason: `paused by ${actor.label}` });
  } else if (input.control === "resume") {
    if (rollout.status !== "paused") throw refuse("resumed");
    const stages = JSON.parse(rollout.stages) as number[];
    const unfinished = await db.rolloutDevice.count({
      where: {
        rolloutId: rollout.id,
        stage: rollout.currentStage,
        state: { in: [...UNFINISHED_STATES] },
      },
    });
    const isStageDone = unfinished === 0 && rollout.currentStage < stages.length - 1;
    isChanged = await change("paused", "running", {
      reason: null,
      ...(isStageDone ? { currentStage: rollout.currentStage + 1 } : {}),
    });
  } else {
    const from = rollout.status;
    if (from !== "running" && from !== "paused") throw refuse("cancelled");
    isChanged = await change(from, "cancelled", { reason: null });
  }
  if (!isChanged) throw new AppError("CONFLICT", "The rollout changed meanwhile; reload the page.");
  const { status } = await db.firmwareRollout.findUniqueOrThrow({
    where: { id: rollout.id },
    select: { status: true },
  });
  return { status };
}
