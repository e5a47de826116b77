import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

// The machine-to-machine hot paths (the Register Device API, EMQX's auth
// hooks) are served by server.ts directly instead of through Next.js's
// router, which costs several ms of CPU per request (bench/hub-auth.bench.ts:
// ~370 checks/s through Next.js on 2 cores). instrumentation.ts registers
// them from inside Next.js and server.ts, bundled separately, looks them up:
// hence a global symbol.

/** A route as server.ts runs it: the request with its whole (bounded) body. */
export type FastRoute = (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<void>;

/** A Web-standard route handler (app/**\/route.ts), served as a fast route by `fetchRoute`. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A JSON endpoint with no need for Web Request/Response objects (they cost ~60 µs a call): `jsonRoute`. */
export type JsonCall = { headers: IncomingHttpHeaders; body: Buffer };
export type JsonAnswer = { status: number; json: unknown; headers?: Record<string, string> };

const KEY = Symbol.for("partner-hub.fast-routes");
const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, FastRoute> };

/** Routes as "METHOD /exact/path" → route. */
export function addFastRoutes(routes: Record<string, FastRoute>): void {
  const table = (holder[KEY] ??= new Map());
  for (const [route, handler] of Object.entries(routes)) table.set(route, handler);
}

/** The route for this request, if it is one of the fast routes (the query string is ignored). */
export function findFastRoute(req: IncomingMessage): FastRoute | undefined {
  const table = holder[KEY];
  if (!table || !req.url) return undefined;
  const query = req.url.indexOf("?");
  return table.get(`${req.method} ${query === -1 ? req.url : req.url.slice(0, query)}`);
}

export function fetchRoute(handler: FetchHandler): FastRoute {
  return async (req, body, res) => {
    // The parsed headers, not rawHeaders: server.ts overwrites some (the client's address) there.
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: req.method,
      headers,
      body: body.length > 0 ? (body as Uint8Array<ArrayBuffer>) : null,
    });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

export function jsonRoute(handler: (call: JsonCall) => Promise<JsonAnswer>): FastRoute {
  return async (req, body, res) => {
    const answer = await handler({ headers: req.headers, body });
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
export async function serveFastRoute(route: FastRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await route(req, await readBounded(req), res);
  } catch (error) {
    const tooLarge = error instanceof BodyTooLargeError;
    if (!tooLarge) console.error("fast route failed", error);
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
