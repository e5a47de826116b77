import "server-only";
import { writeBehind } from "@/lib/runtime/write-behind";
import { db } from "../../database/db";
import { isDatabaseBusy } from "../../errors";
import { nudgeWebhookWorker } from "./worker-signal";
import { deliveryRows, type WebhookEventInput } from "./webhook-payload";

// Registrations are the device API's hot path: one autocommitted INSERT and
// no transaction (each opens a new SQLite connection with libSQL). Their
// webhook events are therefore written like their audit events: queued after
// the device row is stored and inserted in one batch every 250 ms, with one
// endpoint lookup for the whole batch. A crash can lose at most the last
// 250 ms of these events, never the registration itself.
type Pending = { partnerId: string; event: WebhookEventInput; at: Date };

const buffer = writeBehind<Pending>({
  name: "webhook-buffer",
  log: "webhooks",
  items: "webhook events",
  flushMs: 250,
  maxPending: 50_000,
  whenFull: "drop-oldest",
  write: writeDeliveries,
  retry: (pending, error) => (isDatabaseBusy(error) ? pending : []),
});

export function queueWebhookEvent(partnerId: string, event: WebhookEventInput): void {
  buffer.push({ partnerId, event, at: new Date() });
}

/** Writes every queued event's deliveries now, after a write already under way (tests, shutdown). */
export const flushWebhookEvents = buffer.flush;

async function writeDeliveries(pending: Pending[]): Promise<void> {
  const partnerIds = [...new Set(pending.map((item) => item.partnerId))];
  const endpoints = await db.webhookEndpoint.findMany({
    where: { partnerId: { in: partnerIds }, isEnabled: true },
    select: { id: true, events: true, partnerId: true },
  });
  const rows = pending.flatMap((item) =>
    deliveryRows(
      endpoints.filter((endpoint) => endpoint.partnerId === item.partnerId),
      [item.event],
      item.at,
    ),
  );
  if (rows.length === 0) return;
  await db.webhookDelivery.createMany({ data: rows });
  nudgeWebhookWorker();
}
