import "server-only";
import type { z } from "zod";
import { can, POLICY, type Action } from "@/lib/auth/policy";
import { HubUnavailableError } from "@/lib/hub/hub";
import { CLIENT_ADDRESS_HEADER } from "@/lib/request-headers";
import { toFieldErrors } from "../actions/partner-action";
import { authenticateApiToken } from "../data/api-tokens/authenticate-api-token";
import type { CachedApiToken } from "../data/api-tokens/api-token-cache";
import type { Actor } from "../data/audit/record-audit-event";
import { limitApiToken } from "../device-api/rate-limits";
import { readJsonBody } from "../device-api/read-json-body";
import { AppError, asAppError } from "../errors";
import { logger } from "@/lib/logger";

export type ApiCall<P> = { token: CachedApiToken; actor: Actor; request: Request; url: URL; params: P };
export type ApiAnswer = { status?: number; body: unknown };

/** The management API's one error shape: {"error": {"code", "message", "fields"?}}. */
export function managementError(error: unknown): Response {
  if (error instanceof HubUnavailableError) {
    return Response.json({ error: { code: "HUB_UNAVAILABLE", message: error.message } }, { status: 503 });
  }
  const expected = asAppError(error);
  if (!expected) {
    logger("management-api").error({ err: error }, "management API error");
    return Response.json({ error: { code: "INTERNAL", message: "internal error" } }, { status: 500 });
  }
  const { code, message, fieldErrors, retryAfterSeconds } = expected;
  return Response.json(
    { error: { code, message, ...(fieldErrors ? { fields: fieldErrors } : {}) } },
    { status: expected.status, headers: retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : {} },
  );
}

/** Parses input with a shared schema; a failure is a 422 that names each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = toFieldErrors(parsed.error);
  const message = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
    .join("; ");
  throw new AppError("VALIDATION", message, { fieldErrors: fields });
}

/** The body as a JSON object (415/413/422 as the device API answers them). */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request);
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new AppError("VALIDATION", "body: must be a JSON object");
  return body as Record<string, unknown>;
}

/**
 * A management API handler: the bearer token names the partner and role
 * (never the input), the role must allow `action` (lib/auth/policy.ts), and
 * each token is rate-limited. Answers JSON, or the one error shape.
 */
export function managementRoute<P extends Record<string, string>>(
  action: Action,
  handler: (call: ApiCall<P>) => Promise<ApiAnswer>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const token = await authenticateApiToken(request.headers.get("authorization"));
      if (!can(token.role, action)) {
        throw new AppError(
          "FORBIDDEN",
          `This token's role (${token.role}) cannot ${POLICY[action].covers}: that takes the ${POLICY[action].role} role or higher.`,
        );
      }
      await limitApiToken(token.id);
      const actor = {
        userId: null,
        label: `API token "${token.name}"`,
        ip: request.headers.get(CLIENT_ADDRESS_HEADER),
      };
      const answer = await handler({ token, actor, request, url: new URL(request.url), params: await context.params });
      return Response.json(answer.body, { status: answer.status ?? 200, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return managementError(error);
    }
  };
}
