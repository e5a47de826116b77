import { createHmac, timingSafeEqual } from "node:crypto";

// How a delivery is signed: HMAC-SHA256 with the endpoint's secret over
// `${timestamp}.${body}`, hex, sent as "v1=<hex>". The timestamp (Unix
// seconds) is signed too, so a receiver that checks its age refuses replays.
export const SIGNATURE_HEADER = "X-Partner-Hub-Signature";
export const TIMESTAMP_HEADER = "X-Partner-Hub-Timestamp";
export const EVENT_HEADER = "X-Partner-Hub-Event";
export const DELIVERY_HEADER = "X-Partner-Hub-Delivery";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * What a receiver does (the README shows the same steps): recompute the
 * signature, compare in constant time, and refuse a timestamp older than
 * `toleranceSeconds`.
 */
export function verifyWebhook(options: {
  secret: string;
  body: string;
  timestamp: string | null;
  signature: string | null;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): boolean {
  const { secret, body, timestamp, signature } = options;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
