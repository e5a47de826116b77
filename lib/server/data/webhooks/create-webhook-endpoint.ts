import "server-only";
import type { CreateWebhookEndpointInput } from "@/lib/schemas/webhook";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { checkWebhookUrl } from "./webhook-url-guard";
import { newPublicId } from "../../ids";
import { generateSecret } from "../../secrets";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

/**
 * Adds a webhook endpoint, unless its URL is refused (not https, or a host on
 * a loopback, private or link-local address; WEBHOOK_ALLOW_PRIVATE_URLS lifts
 * that). The signing secret is the partner's or a new one, returned here to
 * be shown once; the list shows only its start.
 */
export async function createWebhookEndpoint(options: {
  partnerId: string;
  actor: Actor;
  input: CreateWebhookEndpointInput;
}): Promise<{ id: string; url: string; secret: string; events: string[] }> {
  const { partnerId, actor, input } = options;
  const refused = await checkWebhookUrl(input.url);
  if (refused) throw new AppError("VALIDATION", `URL refused: ${refused}.`, { fieldErrors: { url: [refused] } });
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
