"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { createModelSchema } from "@/lib/schemas/model";
import { createModel } from "../../data/models/create-model";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("model.manage", createModelSchema, async (input, viewer) => {
  const { id } = await createModel({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
  revalidatePath("/models");
  return { ok: true, data: { id }, message: `Model "${input.name}" created` };
});

export async function createModelAction(previous: ActionResult<{ id: string }> | null, formData: FormData) {
  return run(previous, formData);
}
