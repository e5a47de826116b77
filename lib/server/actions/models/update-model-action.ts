"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { updateModelSchema } from "@/lib/schemas/model";
import { updateModel } from "../../data/models/update-model";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

// A crafted post that carries communicationProtocol fails the schema with the
// "cannot be changed" message before anything is written.
const run = partnerAction(
  "model.manage",
  updateModelSchema,
  async ({ communicationProtocol: _locked, ...input }, viewer) => {
    await updateModel({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
    revalidatePath("/models");
    revalidatePath(`/models/${input.modelId}`);
    return { ok: true, data: null, message: "Model saved" };
  },
);

export async function updateModelAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
