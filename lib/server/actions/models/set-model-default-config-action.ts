"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { setModelDefaultConfigFormSchema } from "@/lib/schemas/device-config";
import { setModelDefaultConfig } from "../../data/models/set-model-default-config";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("model.manage", setModelDefaultConfigFormSchema, async ({ modelId, config }, viewer) => {
  await setModelDefaultConfig({ partnerId: viewer.partnerId, actor: await actorOf(viewer), modelId, config });
  revalidatePath(`/models/${modelId}`);
  return {
    ok: true,
    data: null,
    message: config ? "Default config saved: new devices start from it" : "Default config removed",
  };
});

export async function setModelDefaultConfigAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
