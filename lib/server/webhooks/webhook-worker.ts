import "server-only";
import { newId } from "../ids";
import { claimWebhookDeliveries } from "../data/webhooks/claim-webhook-deliveries";
import { recordWebhookAttempts, type AttemptOutcome } from "../data/webhooks/record-webhook-attempts";
import { announcePresenceChanges } from "../data/webhooks/announce-presence-changes";
import { sendWebhook } from "./send-webhook";
import { onWebhookWorkerNudge } from "../data/webhooks/worker-signal";
import { logger } from "@/lib/runtime/logger";

const POLL_MS = 1_000;
const PRESENCE_EVERY_MS = 5_000;
const BATCH = 100;
// Requests in flight at once; a slow receiver holds one slot for its timeout,
// the others go on (a pool, not batches that wait for their slowest).
const CONCURRENCY = 32;

/**
 * Sends one batch of due deliveries: claims them, posts them, records the
 * outcomes. Returns how many it claimed. Any process may run it at any time:
 * the claim decides who sends what.
 */
export async function deliverDueWebhooks(workerId: string, now = new Date(), batch = BATCH): Promise<number> {
  const claimed = await claimWebhookDeliveries(workerId, now, batch);
  const outcomes: AttemptOutcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, async () => {
      while (next < claimed.length) outcomes.push(await sendWebhook(claimed[next++]!, now));
    }),
  );
  await recordWebhookAttempts(outcomes);
  return claimed.length;
}

/**
 * The portal's webhook worker: polls the outbox every second (sooner when
 * this process enqueued something), drains full batches at once, and
 * announces presence changes every few seconds. Returns a function that
 * stops it after the round in flight.
 */
export function startWebhookWorker(): () => Promise<void> {
  const workerId = `${process.pid}-${newId().slice(0, 8)}`;
  let isStopped = false;
  let round: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastPresence = 0;
  let isNudged = false;

  const schedule = (ms: number) => {
    if (isStopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };
  async function drain() {
    if (Date.now() - lastPresence >= PRESENCE_EVERY_MS) {
      lastPresence = Date.now();
      await announcePresenceChanges();
    }
    while (!isStopped && (await deliverDueWebhooks(workerId)) === BATCH);
  }
  function run() {
    if (round) return;
    round = drain()
      .catch((error: unknown) => logger("webhooks").error({ err: error }, "delivery round failed"))
      .finally(() => {
        round = null;
        // Something enqueued during the round is sent now, not a poll later.
        schedule(isNudged ? 0 : POLL_MS);
        isNudged = false;
      });
  }
  onWebhookWorkerNudge(() => {
    if (round) isNudged = true;
    else run();
  });
  schedule(0);
  return async () => {
    isStopped = true;
    onWebhookWorkerNudge(undefined);
    if (timer) clearTimeout(timer);
    await round;
  };
}
