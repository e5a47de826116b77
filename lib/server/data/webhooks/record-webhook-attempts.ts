import "server-only";
import { nextAttemptAfterFailure } from "@/lib/webhooks/retry-schedule";
import { db } from "../../database/db";
import type { ClaimedDelivery } from "./claim-webhook-deliveries";

export type AttemptOutcome = {
  delivery: ClaimedDelivery;
  isDelivered: boolean;
  statusCode: number | null;
  latencyMs: number;
  response: string;
  at: Date;
};

/**
 * Stores a batch of attempts and releases their claims: delivered, due again
 * after a back-off, or failed for good once the retry window has passed.
 * Each row is its own autocommitted UPDATE (they are independent): with
 * libSQL a transaction opens a new SQLite connection and queues for the write
 * lock behind the registrations this worker is reporting on.
 */
export async function recordWebhookAttempts(outcomes: readonly AttemptOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await Promise.all(
    outcomes.map(({ delivery, isDelivered, statusCode, latencyMs, response, at }) => {
      const attempts = delivery.attempts + 1;
      const next = isDelivered ? null : nextAttemptAfterFailure(delivery.createdAt, attempts, at);
      return db.webhookDelivery.updateMany({
        where: { id: delivery.id },
        data: {
          attempts,
          status: isDelivered ? "delivered" : next ? "pending" : "failed",
          nextAttemptAt: next,
          deliveredAt: isDelivered ? at : null,
          claimedAt: null,
          claimedBy: null,
          lastAttemptAt: at,
          lastStatusCode: statusCode,
          lastLatencyMs: latencyMs,
          lastResponse: response,
        },
      });
    }),
  );
}
