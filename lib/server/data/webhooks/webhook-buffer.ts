import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { db } from "../../db";
import { isDatabaseBusy } from "../../errors";
import { nudgeWebhookWorker } from "../../webhooks/worker-signal";
import { deliveryRows, type WebhookEventInput } from "./webhook-payload";
import { logger } from "@/lib/runtime/logger";

// Registrations are the device API's hot path: one autocommitted INSERT and
// no transaction (each opens a new SQLite connection with libSQL). Their
// webhook events are therefore written like their audit events: queued after
// the device row is stored and inserted in one batch every 250 ms, with one
// endpoint lookup for the whole batch. A crash can lose at most the last
// 250 ms of these events, never the registration itself.
const FLUSH_MS = 250;
const MAX_PENDING = 50_000;

type Pending = { partnerId: string; event: WebhookEventInput; at: Date };
const buffer = processState<{ pending: Pending[]; timer: NodeJS.Timeout | null }>("webhook-buffer", () => ({
  pending: [],
  timer: null,
}));

export function queueWebhookEvent(partnerId: string, event: WebhookEventInput): void {
  buffer.pending.push({ partnerId, event, at: new Date() });
  buffer.timer ??= setTimeout(() => void flushWebhookEvents(), FLUSH_MS);
}

/** Writes every queued event's deliveries now (also used by tests and on shutdown). */
export async function flushWebhookEvents(): Promise<void> {
  if (buffer.timer) clearTimeout(buffer.timer);
  buffer.timer = null;
  const pending = buffer.pending.splice(0);
  if (pending.length === 0) return;
  try {
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
  } catch (error) {
    if (!isDatabaseBusy(error)) {
      logger("webhooks").error({ err: error }, `Writing ${pending.length} webhook events failed`);
      return;
    }
    buffer.pending.unshift(...pending);
    buffer.pending.splice(0, Math.max(0, buffer.pending.length - MAX_PENDING));
    buffer.timer ??= setTimeout(() => void flushWebhookEvents(), FLUSH_MS);
  }
}
