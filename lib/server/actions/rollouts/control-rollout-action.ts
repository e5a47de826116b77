"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { rolloutControlSchema } from "@/lib/schemas/rollout";
import { controlRollout } from "../../data/rollouts/control-rollout";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const DONE = { pause: "Rollout paused", resume: "Rollout resumed", cancel: "Rollout cancelled" } as const;

const run = partnerAction("rollout.manage", rolloutControlSchema, async (input, viewer) => {
  await controlRollout({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
  revalidatePath(`/rollouts/${input.rolloutId}`);
  return { ok: true, data: null, message: DONE[input.control] };
});

export async function controlRolloutAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
