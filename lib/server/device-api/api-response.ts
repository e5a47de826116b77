import "server-only";
import { HubUnavailableError } from "@/lib/hub/hub";
import { CLIENT_ADDRESS_HEADER } from "@/lib/request-headers";
import { AppError } from "../errors";

/** The device API's error body, {"error": "..."}, with Retry-After where it helps. */
export function apiError(error: unknown): Response {
  if (error instanceof HubUnavailableError) {
    return Response.json({ error: error.message }, { status: 503, headers: { "Retry-After": "5" } });
  }
  if (error instanceof AppError) {
    const headers: Record<string, string> = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {};
    return Response.json({ error: error.message }, { status: error.status, headers });
  }
  // A bug, not bad input: log it, and say nothing about internals.
  console.error("device API error", error);
  return Response.json({ error: "internal error" }, { status: 500 });
}

/** The caller's address as the portal's server saw it (set by server.ts, not by the client). */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
