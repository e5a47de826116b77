import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "./logger";
import { metrics } from "./metrics";

export const REQUEST_ID_HEADER = "x-request-id";
// An id a proxy in front already gave the request is kept (its logs and ours then match); anything else is replaced.
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

/** The request's id, on the request (for route handlers) and on the response (for the caller). */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof given === "string" && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}

/**
 * The label of a request Next.js serves: by kind, not by path, so an
 * unbounded set of paths (ids, 404 probes) cannot become unbounded series.
 */
export function nextRouteKind(url: string): string {
  if (url.startsWith("/_next/")) return "next:static";
  if (url.startsWith("/api/")) return "next:api";
  if (url.startsWith("/v1/")) return "next:device-api";
  return "next:page";
}

/** When the response ends: its latency into the histogram, and one log line. */
export function observeRequest(req: IncomingMessage, res: ServerResponse, route: string, requestId: string): void {
  const startedAt = performance.now();
  res.once("close", () => {
    const seconds = (performance.now() - startedAt) / 1000;
    // A response the client gave up on before it was sent has no status of its own.
    const status = res.writableFinished ? String(res.statusCode) : "aborted";
    metrics().requestDuration.observe({ route, method: req.method ?? "?", status }, seconds);
    const query = req.url?.indexOf("?") ?? -1;
    const line = {
      requestId,
      method: req.method,
      path: query === -1 ? req.url : req.url?.slice(0, query),
      status,
      ms: Math.round(seconds * 10_000) / 10,
    };
    if (route === "next:static") logger("http").debug(line, "request");
    else logger("http").info(line, "request");
  });
}
