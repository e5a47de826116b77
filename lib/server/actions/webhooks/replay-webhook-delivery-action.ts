"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { replayWebhookDeliverySchema } from "@/lib/schemas/webhook";
import { replayWebhookDelivery } from "../../data/webhooks/replay-webhook-delivery";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("webhook.manage", replayWebhookDeliverySchema, async ({ deliveryId }, viewer) => {
  const { endpointId } = await replayWebhookDelivery({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    deliveryId,
  });
  revalidatePath(`/webhooks/${endpointId}`);
  return { ok: true, data: null, message: "Delivery queued again" };
});

export async function replayWebhookDeliveryAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
