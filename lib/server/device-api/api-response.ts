import "server-only";
import { logger } from "@/lib/runtime/logger";
import { HubUnavailableError } from "@/lib/hub/hub";
import { CLIENT_ADDRESS_HEADER, type HeaderSource } from "@/lib/http/request-headers";
import { asAppError } from "../errors";

/** What the device API answers for a failure: status, message and when to retry. */
export function describeApiError(error: unknown): { status: number; error: string; retryAfterSeconds?: number } {
  if (error instanceof HubUnavailableError) return { status: 503, error: error.message, retryAfterSeconds: 5 };
  const expected = asAppError(error);
  if (expected) {
    return {
      status: expected.status,
      error: expected.message,
      ...(expected.retryAfterSeconds ? { retryAfterSeconds: expected.retryAfterSeconds } : {}),
    };
  }
  // A bug, not bad input: log it, and say nothing about internals.
  logger("device-api").error({ err: error }, "device API error");
  return { status: 500, error: "internal error" };
}

/** The device API's error answer, {"error": "..."}, with Retry-After where it helps. */
export function apiErrorAnswer(error: unknown): {
  status: number;
  json: { error: string };
  headers: Record<string, string>;
} {
  const { status, error: message, retryAfterSeconds } = describeApiError(error);
  return {
    status,
    json: { error: message },
    headers: retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : {},
  };
}

/** apiErrorAnswer as a Response, for route handlers. */
export function apiError(error: unknown): Response {
  const { status, json, headers } = apiErrorAnswer(error);
  return Response.json(json, { status, headers });
}

/** The caller's address as the portal's server saw it (set by server.ts, not by the client). */
export function clientAddress(request: { headers: HeaderSource }): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
