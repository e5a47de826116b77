"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { newRolloutSchema } from "@/lib/schemas/rollout";
import { createRollout } from "../../data/rollouts/create-rollout";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

export type StartedRollout = { id: string; devices: number };

const run = partnerAction("rollout.manage", newRolloutSchema, async (input, viewer) => {
  const started = await createRollout({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
  revalidatePath(`/models/${input.modelId}`);
  return { ok: true, data: started, message: `Rollout started to ${started.devices.toLocaleString("en-US")} devices` };
});

export async function startRolloutAction(previous: ActionResult<StartedRollout> | null, formData: FormData) {
  return run(previous, formData);
}
