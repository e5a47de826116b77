"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { createWebhookEndpointSchema } from "@/lib/schemas/webhook";
import { createWebhookEndpoint } from "../../data/webhooks/create-webhook-endpoint";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

export type CreatedWebhookEndpoint = { id: string; url: string; secret: string; events: string[] };

const run = partnerAction("webhook.manage", createWebhookEndpointSchema, async (input, viewer) => {
  const endpoint = await createWebhookEndpoint({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
  revalidatePath("/webhooks");
  return { ok: true, data: endpoint, message: `Webhook endpoint ${endpoint.url} added` };
});

/** The signing secret is returned to this one response and shown once by the dialog. */
export async function createWebhookEndpointAction(
  previous: ActionResult<CreatedWebhookEndpoint> | null,
  formData: FormData,
) {
  return run(previous, formData);
}
