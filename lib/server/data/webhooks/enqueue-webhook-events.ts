import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { nudgeWebhookWorker } from "./worker-signal";
import { deliveryRows, type WebhookEventInput } from "./webhook-payload";

/**
 * Writes the deliveries of some events inside the caller's transaction, so
 * they exist exactly when the change they report does. The worker is nudged;
 * should it look before the commit, its next poll finds them.
 */
export async function enqueueWebhookEvents(
  tx: Prisma.TransactionClient,
  partnerId: string,
  events: readonly WebhookEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { partnerId, isEnabled: true },
    select: { id: true, events: true },
  });
  const rows = deliveryRows(endpoints, events, new Date());
  if (rows.length === 0) return;
  await tx.webhookDelivery.createMany({ data: rows });
  nudgeWebhookWorker();
}
