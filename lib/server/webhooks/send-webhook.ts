import "server-only";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
} from "@/lib/webhooks/signature";
import type { AttemptOutcome } from "../data/webhooks/record-webhook-attempts";
import type { ClaimedDelivery } from "../data/webhooks/claim-webhook-deliveries";

const TIMEOUT_MS = 10_000;
// How much of the receiver's answer the delivery log keeps.
const RESPONSE_EXCERPT = 500;

/**
 * One attempt: a signed JSON POST; any 2xx answer is a delivery, anything
 * else a failure to retry. `at` is the worker's clock, which the back-off
 * counts from; the signed timestamp is always the real time.
 */
export async function sendWebhook(delivery: ClaimedDelivery, at: Date): Promise<AttemptOutcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  try {
    const response = await fetch(delivery.endpoint.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "PartnerHub-Webhooks/1",
        [EVENT_HEADER]: delivery.event,
        [DELIVERY_HEADER]: delivery.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(delivery.endpoint.secret, timestamp, delivery.payload),
      },
      body: delivery.payload,
      // A redirect is the receiver's answer, not an invitation to post elsewhere.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await response.text().catch(() => "")).slice(0, RESPONSE_EXCERPT);
    return {
      delivery,
      isDelivered: response.status >= 200 && response.status < 300,
      statusCode: response.status,
      latencyMs: Math.round(performance.now() - started),
      response: text,
      at,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : cause;
    return {
      delivery,
      isDelivered: false,
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      response: `Not delivered: ${reason ?? (error as Error).message}`,
      at,
    };
  }
}
