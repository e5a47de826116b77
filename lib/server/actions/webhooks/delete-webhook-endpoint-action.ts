"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { webhookEndpointIdSchema } from "@/lib/schemas/webhook";
import { deleteWebhookEndpoint } from "../../data/webhooks/delete-webhook-endpoint";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("webhook.manage", webhookEndpointIdSchema, async ({ endpointId }, viewer) => {
  const { url } = await deleteWebhookEndpoint({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    endpointId,
  });
  revalidatePath("/webhooks");
  return { ok: true, data: null, message: `Webhook endpoint ${url} removed` };
});

export async function deleteWebhookEndpointAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
