"use server";

import type { ActionResult } from "@/lib/action-result";
import { rolloutTargetSchema } from "@/lib/schemas/rollout";
import { z } from "zod";
import { getModelFileOrThrow } from "../../data/firmware/find-model-file";
import { selectRolloutTarget } from "../../data/rollouts/select-rollout-target";
import { partnerAction } from "../partner-action";

export type TargetPreview = { devices: number; onVersion: number; disabled: number; unknownSerials: string[] };

const schema = z.intersection(rolloutTargetSchema, z.object({ fileId: z.string().min(1, "Choose a file") }));

// What the rollout form shows before it is started: how many devices it would update.
const run = partnerAction("rollout.manage", schema, async (input, viewer) => {
  const file = await getModelFileOrThrow({ partnerId: viewer.partnerId, modelId: input.modelId, fileId: input.fileId });
  const target = await selectRolloutTarget({ partnerId: viewer.partnerId, target: input, version: file.version });
  return { ok: true, data: { devices: target.devices.length, ...target.skipped } };
});

export async function previewRolloutTargetAction(previous: ActionResult<TargetPreview> | null, formData: FormData) {
  return run(previous, formData);
}
