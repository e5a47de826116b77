import "server-only";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
} from "@/lib/webhooks/signature";
import type { AttemptOutcome } from "../data/webhooks/record-webhook-attempts";
import type { ClaimedDelivery } from "../data/webhooks/claim-webhook-deliveries";
import { guardedRequestOptions } from "../data/webhooks/webhook-url-guard";

const TIMEOUT_MS = 10_000;
// How much of the receiver's answer the delivery log keeps.
const RESPONSE_EXCERPT = 500;

// node:http with kept-alive sockets rather than fetch: at a few hundred
// deliveries a second fetch's per-request CPU competes with the portal's own
// work on small machines. Redirects are not followed: a 3xx is the answer.
const agents = {
  "http:": new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  "https:": new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const agent = target.protocol === "https:" ? agents["https:"] : agents["http:"];
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: "POST",
        agent,
        // Refuses loopback, private and link-local targets (WEBHOOK_ALLOW_PRIVATE_URLS).
        ...guardedRequestOptions(target),
        timeout: TIMEOUT_MS,
        headers: { ...headers, "Content-Length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length < RESPONSE_EXCERPT) text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: text.slice(0, RESPONSE_EXCERPT) }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * One attempt: a signed JSON POST; any 2xx answer is a delivery, anything
 * else a failure to retry. `at` is the worker's clock, which the back-off
 * counts from; the signed timestamp is always the real time.
 */
export async function sendWebhook(delivery: ClaimedDelivery, at: Date): Promise<AttemptOutcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": "PartnerHub-Webhooks/1",
    [EVENT_HEADER]: delivery.event,
    [DELIVERY_HEADER]: delivery.id,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signWebhook(delivery.endpoint.secret, timestamp, delivery.payload),
  };
  try {
    const { status, text } = await post(delivery.endpoint.url, headers, delivery.payload);
    const latencyMs = Math.round(performance.now() - started);
    return { delivery, isDelivered: status >= 200 && status < 300, statusCode: status, latencyMs, response: text, at };
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    return {
      delivery,
      isDelivered: false,
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      response: `Not delivered: ${reason}`,
      at,
    };
  }
}
