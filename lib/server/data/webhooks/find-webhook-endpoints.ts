import "server-only";
import { parseEventList } from "@/lib/webhooks/events";
import { db } from "../../database/db";
import { AppError } from "../../errors";

const DELIVERY_LOG = 50;

/** The partner's endpoints, newest first, with the secret shown only by its start. */
export async function findWebhookEndpoints(partnerId: string) {
  const endpoints = await db.webhookEndpoint.findMany({
    where: { partnerId },
    orderBy: { createdAt: "desc" },
    select: { id: true, url: true, events: true, secret: true, isEnabled: true, createdAt: true },
  });
  return endpoints.map(({ secret, events, ...endpoint }) => ({
    ...endpoint,
    events: parseEventList(events),
    secretHint: `${secret.slice(0, 10)}…`,
  }));
}

/** One endpoint of the partner with its newest deliveries (the delivery log). */
export async function getWebhookEndpointLog(partnerId: string, endpointId: string) {
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: endpointId, partnerId },
    select: { id: true, url: true, events: true, createdAt: true },
  });
  if (!endpoint) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
  const deliveries = await db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { createdAt: "desc" },
    take: DELIVERY_LOG,
    select: {
      id: true,
      event: true,
      status: true,
      attempts: true,
      createdAt: true,
      nextAttemptAt: true,
      lastAttemptAt: true,
      lastStatusCode: true,
      lastLatencyMs: true,
      lastResponse: true,
    },
  });
  return { endpoint: { ...endpoint, events: parseEventList(endpoint.events) }, deliveries };
}
