import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "./logger";
import { metrics, metricsAccess } from "./metrics";
import { CLIENT_ADDRESS_HEADER } from "../http/request-headers";

/** Whether this request is a scrape (served by server.ts, ahead of Next.js). */
export function isMetricsRequest(req: IncomingMessage): boolean {
  return req.method === "GET" && (req.url === "/metrics" || req.url?.startsWith("/metrics?") === true);
}

/**
 * GET /metrics in Prometheus's text format, for a caller on this machine or,
 * with METRICS_TOKEN set, one that presents the token (from anywhere).
 */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  token: string | undefined,
): Promise<void> {
  const access = metricsAccess({
    token,
    // The address server.ts resolved (behind TRUSTED_PROXIES, the forwarded client's).
    clientAddress: String(req.headers[CLIENT_ADDRESS_HEADER] ?? ""),
    authorization: req.headers.authorization,
  });
  if (access !== "ok") {
    const message =
      access === 401
        ? "send METRICS_TOKEN as Authorization: Bearer <token>"
        : "metrics are served to this machine only";
    res.writeHead(access, {
      "content-type": "application/json",
      ...(access === 401 ? { "www-authenticate": 'Bearer realm="metrics"' } : {}),
    });
    return void res.end(JSON.stringify({ error: message }));
  }
  try {
    const { registry } = metrics();
    const text = await registry.metrics();
    res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
    res.end(text);
  } catch (error) {
    logger("metrics").error({ err: error }, "collecting metrics failed");
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "collecting metrics failed" }));
  }
}
