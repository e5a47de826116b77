import "server-only";
import { isCrossSite } from "@/lib/http/cross-site";
import type { z } from "zod";
import { HubUnavailableError } from "@/lib/hub/hub";
import { readJsonBody } from "./device-api/read-json-body";
import { toFieldErrors } from "@/lib/action-result";
import type { Action } from "@/lib/auth/policy";
import { AppError, asAppError } from "./errors";
import { authorize, type Viewer } from "./auth/session";

type Context<P> = { params: Promise<P> };
export type PortalCall<T, P> = { input: T; viewer: Viewer; request: Request; params: P };
export type PortalRead<P> = { viewer: Viewer; request: Request; params: P };

/** An expected failure as {error, fieldErrors?} with its status; anything else rethrown. */
export function failureResponse(error: unknown): Response {
  if (error instanceof HubUnavailableError) return Response.json({ error: error.message }, { status: 503 });
  const expected = asAppError(error);
  if (!expected) throw error;
  return Response.json(
    { error: expected.message, ...(expected.fieldErrors ? { fieldErrors: expected.fieldErrors } : {}) },
    { status: expected.status },
  );
}

/**
 * A GET of the portal's own pages (polls, downloads): the session's member
 * must be allowed to take `action`, checked against the request's own
 * headers so server.ts can serve it outside Next.js's request scope too.
 */
export function portalReadRoute<P extends Record<string, string>>(
  action: Action,
  handler: (call: PortalRead<P>) => Response | Promise<Response>,
) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      const viewer = await authorize(action, request.headers);
      return await handler({ viewer, request, params: await context.params });
    } catch (error) {
      return failureResponse(error);
    }
  };
}

/**
 * A JSON write of the portal's own pages, authorised like a server action
 * (the session's member's role must allow `action`, never the input's say) but
 * served as a route handler where its speed matters (server.ts can serve it
 * ahead of Next.js's router). Cross-site requests are refused: the body must
 * be JSON (so a browser asks CORS first) and the Origin must be this host.
 * Answers the result as JSON, or {error, fieldErrors?} with the error's status.
 */
export function portalWriteRoute<S extends z.ZodType, P extends Record<string, string>, R>(
  action: Action,
  schema: S,
  handler: (call: PortalCall<z.output<S>, P>) => Promise<R>,
) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      if (isCrossSite(request.headers)) throw new AppError("FORBIDDEN", "cross-site request refused");
      const viewer = await authorize(action, request.headers);
      const parsed = schema.safeParse(await readJsonBody(request));
      if (!parsed.success) {
        const fieldErrors = toFieldErrors(parsed.error);
        return Response.json({ error: "Check the highlighted fields.", fieldErrors }, { status: 422 });
      }
      const result = await handler({
        input: parsed.data,
        viewer,
        request,
        params: await context.params,
      });
      return Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return failureResponse(error);
    }
  };
}
