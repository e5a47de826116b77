import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { logger } from "./logger";
import { nodeBodyOf, preferNodeBody } from "./node-body";
import { PathRouter } from "./path-router";
import { peekProcessState, processState } from "./process-state";

// The machine-to-machine hot paths (the Register Device API, EMQX's auth
// hooks) are served by server.ts directly instead of through Next.js's
// router, which costs several ms of CPU per request (bench/hub-auth.bench.ts:
// ~370 checks/s through Next.js on 2 cores). instrumentation.ts registers
// them from inside Next.js and server.ts, bundled separately, looks them up:
// hence one table per process (./process-state.ts).

/** A route as server.ts runs it: the request with its whole (bounded) body, and the path's parameters. */
export type FastRoute = (
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  params: Record<string, string>,
) => Promise<void>;

/** A Web-standard route handler (app/**\/route.ts), served as a fast route by `fetchRoute`. */
export type FetchHandler<P extends Record<string, string> = Record<string, string>> = (
  request: Request,
  context: { params: Promise<P> },
) => Promise<Response>;

/** A JSON endpoint with no need for Web Request/Response objects (they cost ~60 µs a call): `jsonRoute`. */
export type JsonCall = {
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The path and query string as requested. */
  url: string;
  params: Record<string, string>;
};
export type JsonAnswer = { status: number; json: unknown; headers?: Record<string, string> };

const routeTable = () => processState("fast-routes", () => new PathRouter<FastRoute>());

/**
 * Routes as "METHOD /path" → route; a path segment ":name" matches one
 * segment and is handed to the route as a parameter (e.g. "/v1/devices/:deviceId/telemetry").
 */
export function addFastRoutes(routes: Record<string, FastRoute>): void {
  routeTable().add(routes);
}

/** A fast route found for a request: `key` is its "METHOD /path" as registered (the metrics' route label). */
export type FoundRoute = { key: string; route: FastRoute; params: Record<string, string> };

/** The route for this request and its path's parameters, if it is one of the fast routes (the query string is ignored). */
export function findFastRoute(req: IncomingMessage): FoundRoute | undefined {
  const table = peekProcessState<PathRouter<FastRoute>>("fast-routes");
  if (!table || !req.url || !req.method) return undefined;
  const query = req.url.indexOf("?");
  // A malformed escape matches nothing: Next.js answers it.
  const found = table.find(req.method, query === -1 ? req.url : req.url.slice(0, query));
  return found && { key: found.key, route: found.value, params: found.params };
}

/** A route handler as a fast route; its parameters are those the route's ":name" segments match. */
export function fetchRoute<P extends Record<string, string>>(handler: FetchHandler<P>): FastRoute {
  return async (req, body, res, params) => {
    // The parsed headers, not rawHeaders: server.ts overwrites some (the client's address) there.
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    // Aborted when the client goes away before the answer, as Next.js does for its routes.
    const clientGone = new AbortController();
    res.once("close", () => !res.writableFinished && clientGone.abort());
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: req.method,
      headers,
      body: body.length > 0 ? (body as Uint8Array<ArrayBuffer>) : null,
      signal: clientGone.signal,
    });
    const response = await handler(preferNodeBody(request), { params: Promise.resolve(params as P) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    const stream = nodeBodyOf(response);
    if (!stream) return void res.end(Buffer.from(await response.arrayBuffer()));
    // A client gone midway ends the file's stream too.
    await pipeline(stream, res).catch(() => stream.destroy());
  };
}

export function jsonRoute(handler: (call: JsonCall) => Promise<JsonAnswer>): FastRoute {
  return async (req, body, res, params) => {
    const answer = await handler({ headers: req.headers, body, url: req.url ?? "/", params });
    const text = JSON.stringify(answer.json);
    res.writeHead(answer.status, {
      ...answer.headers,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  };
}

// Above the device API's own 64 KiB limit, so the route still gives its 413;
// the cap only stops a client streaming without end into memory.
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Runs a fast route: the body is buffered (bounded); a failure the route did not answer is a bare 500. */
export async function serveFastRoute(
  found: Pick<FoundRoute, "route" | "params">,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    await found.route(req, await readBounded(req), res, found.params);
  } catch (error) {
    const tooLarge = error instanceof BodyTooLargeError;
    if (!tooLarge) logger("http").error({ err: error }, "fast route failed");
    if (res.headersSent) return void res.destroy();
    res.writeHead(tooLarge ? 413 : 500, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify({ error: tooLarge ? "body: too large" : "internal error" }));
  }
}

class BodyTooLargeError extends Error {}

function readBounded(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_BUFFERED_BYTES) {
        req.pause();
        reject(new BodyTooLargeError());
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
