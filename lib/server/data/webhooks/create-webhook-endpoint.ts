import "server-only";
import type { CreateWebhookEndpointInput } from "@/lib/schemas/webhook";
import { db } from "../../db";
import { newPublicId } from "../../ids";
import { generateSecret } from "../../secrets";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

/**
 * Adds a webhook endpoint. The signing secret is the partner's or a new one,
 * returned here to be shown once; the list shows only its start.
 */
export async function createWebhookEndpoint(options: {
  partnerId: string;
  actor: Actor;
  input: CreateWebhookEndpointInput;
}): Promise<{ id: string; url: string; secret: string; events: string[] }> {
  const { partnerId, actor, input } = options;
  const secret = input.secret ?? generateSecret("whsec");
  const id = newPublicId("whe");
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.create({
      data: { id, partnerId, url: input.url, events: input.events.join(","), secret },
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "webhook_endpoint.create",
      targetType: "webhook_endpoint",
      targetId: id,
      summary: `Added webhook endpoint ${input.url} for ${input.events.join(", ")}`,
    });
  });
  return { id, url: input.url, secret, events: input.events };
}
