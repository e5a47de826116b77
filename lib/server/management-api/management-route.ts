import "server-only";
import type { z } from "zod";
import { toCamelCase, toSnakeCase } from "@/lib/management-api/snake-case";
import { can, POLICY, type Action } from "@/lib/auth/policy";
import { HubUnavailableError } from "@/lib/hub/hub";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { toFieldErrors } from "@/lib/action-result";
import { authenticateApiToken } from "../data/api-tokens/authenticate-api-token";
import type { ActiveApiToken } from "../data/api-tokens/api-token-cache";
import type { Actor } from "../data/audit/record-audit-event";
import { limitApiToken } from "../device-api/rate-limits";
import { AppError, asAppError } from "../errors";
import { logger } from "@/lib/runtime/logger";

/**
 * A management API request as the handlers see it, made from a Web Request
 * (Next.js's catch-all, the tests) or straight from node:http (server.ts's
 * fast route, which skips the Web Request/Response objects: about a quarter
 * of a token check's CPU in a profile).
 */
export type ApiRequest = {
  url: URL;
  /** A header by its lower-case name. */
  header: (name: string) => string | null;
  /** The body as a JSON object (415/413/422 as the device API answers them). */
  readBody: () => Promise<Record<string, unknown>>;
};
export type ApiCall<P> = {
  token: ActiveApiToken;
  actor: Actor;
  url: URL;
  params: P;
  readBody: ApiRequest["readBody"];
};
export type ApiAnswer<S extends z.ZodType = z.ZodType> = { status?: number; body: z.input<S> };
/** What a management handler answers: always JSON, with its status and headers. */
export type ApiResult = { status: number; json: unknown; headers: Record<string, string> };
export type ManagementHandler<P extends Record<string, string> = Record<string, string>> = ((
  request: ApiRequest,
  params: P,
) => Promise<ApiResult>) & {
  /** The success answer's schema: the OpenAPI document shows it, and outside production every answer is checked. */
  response: z.ZodType;
};

/** The management API's one error shape: {"error": {"code", "message", "fields"?}}. */
export function managementError(error: unknown): ApiResult {
  if (error instanceof HubUnavailableError) {
    return { status: 503, json: { error: { code: "HUB_UNAVAILABLE", message: error.message } }, headers: {} };
  }
  const expected = asAppError(error);
  if (!expected) {
    logger("management-api").error({ err: error }, "management API error");
    return { status: 500, json: { error: { code: "INTERNAL", message: "internal error" } }, headers: {} };
  }
  const { code, message, fieldErrors, retryAfterSeconds } = expected;
  return {
    status: expected.status,
    json: { error: { code, message, ...(fieldErrors ? { fields: fieldErrors } : {}) } },
    headers: retryAfterSeconds ? { "retry-after": String(retryAfterSeconds) } : {},
  };
}

/** Parses input with a shared schema; a failure is a 422 that names each field (as `name` spells it). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  name: (field: string) => string = (field) => field,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(
    Object.entries(toFieldErrors(parsed.error)).map(([field, messages]) => [name(field), messages]),
  );
  const message = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
    .join("; ");
  throw new AppError("VALIDATION", message, { fieldErrors: fields });
}

/**
 * Parses a snake_case body or query with one of the portal's camelCase
 * schemas (lib/management-api/snake-case.ts); errors name the snake_case
 * fields, and a camelCase one is refused by name rather than ignored.
 */
export function parseSnakeInput<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.output<S> {
  const camel = Object.keys(input).filter((key) => /[A-Z]/.test(key));
  if (camel.length > 0) {
    const fieldErrors = Object.fromEntries(camel.map((key) => [key, [`fields are snake_case: ${toSnakeCase(key)}`]]));
    throw new AppError("VALIDATION", camel.map((key) => `${key}: send it as ${toSnakeCase(key)}`).join("; "), {
      fieldErrors,
    });
  }
  const renamed = Object.fromEntries(Object.entries(input).map(([key, value]) => [toCamelCase(key), value]));
  return parseInput(schema, renamed, toSnakeCase);
}

/** A parsed body that must be a JSON object. */
export function asJsonObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new AppError("VALIDATION", "body: must be a JSON object");
  return body as Record<string, unknown>;
}

/**
 * The bearer token of a management API request, allowed to take `action`
 * (its role, never the input, decides), counted against its rate limit; and
 * how the audit log names it.
 */
export async function authorizeToken(
  request: Pick<ApiRequest, "header">,
  action: Action,
): Promise<{ token: ActiveApiToken; actor: Actor }> {
  const token = await authenticateApiToken(request.header("authorization"));
  if (!can(token.role, action)) {
    throw new AppError(
      "FORBIDDEN",
      `This token's role (${token.role}) cannot ${POLICY[action].covers}: that takes the ${POLICY[action].role} role or higher.`,
    );
  }
  await limitApiToken(token.id);
  return {
    token,
    actor: { userId: null, label: `API token "${token.name}"`, ip: request.header(CLIENT_ADDRESS_HEADER) },
  };
}

/**
 * A management API route that streams, in or out (a firmware upload's body, a
 * dump's download): a Web Request in and a Response out, with managementRoute's
 * token check and its one error shape.
 */
export async function streamedTokenRoute(
  request: Request,
  action: Action,
  handler: (authorized: { token: ActiveApiToken; actor: Actor }) => Promise<Response>,
): Promise<Response> {
  try {
    return await handler(await authorizeToken({ header: (name) => request.headers.get(name) }, action));
  } catch (error) {
    const result = managementError(error);
    return Response.json(result.json, { status: result.status, headers: result.headers });
  }
}

/**
 * A management API handler: the bearer token names the partner and role
 * (never the input), the role must allow `action` (lib/auth/policy.ts), and
 * each token is rate-limited. Answers JSON, or the one error shape.
 */
export function managementRoute<P extends Record<string, string>, S extends z.ZodType = z.ZodType>(
  action: Action,
  response: S,
  handler: (call: ApiCall<P>) => Promise<ApiAnswer<S>>,
): ManagementHandler<P> {
  const route = async (request: ApiRequest, params: P): Promise<ApiResult> => {
    try {
      const { token, actor } = await authorizeToken(request, action);
      const answer = await handler({ token, actor, url: request.url, params, readBody: request.readBody });
      if (CHECK_ANSWERS) checkAnswer(response, answer.body);
      return { status: answer.status ?? 200, json: answer.body, headers: { "cache-control": "no-store" } };
    } catch (error) {
      return managementError(error);
    }
  };
  return Object.assign(route, { response });
}

// Tests and development check each answer against its documented schema, so
// the document cannot drift from what is served; production does not pay for it.
const CHECK_ANSWERS = process.env.NODE_ENV !== "production";

function checkAnswer(schema: z.ZodType, body: unknown): void {
  const parsed = schema.safeParse(body);
  if (parsed.success) return;
  const where = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw new Error(`management API answer does not match its documented schema: ${where}`);
}
