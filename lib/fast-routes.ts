import type { IncomingMessage, ServerResponse } from "node:http";

// The machine-to-machine hot paths (the Register Device API, EMQX's auth
// hooks) are the portal's own route handlers, but server.ts calls them
// directly instead of going through Next.js's router, which costs several ms
// of CPU per request (bench/hub-auth.bench.ts: ~370 checks/s through Next.js
// on 2 cores). instrumentation.ts registers them from inside Next.js and
// server.ts, bundled separately, looks them up: hence a global symbol.
export type FetchHandler = (request: Request) => Promise<Response>;

const KEY = Symbol.for("partner-hub.fast-routes");
const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, FetchHandler> };

/** Routes as "METHOD /exact/path" → handler. */
export function addFastRoutes(routes: Record<string, FetchHandler>): void {
  const table = (holder[KEY] ??= new Map());
  for (const [route, handler] of Object.entries(routes)) table.set(route, handler);
}

/** The handler for this request, if it is one of the fast routes (the query string is ignored). */
export function findFastRoute(req: IncomingMessage): FetchHandler | undefined {
  const table = holder[KEY];
  if (!table || !req.url) return undefined;
  const query = req.url.indexOf("?");
  return table.get(`${req.method} ${query === -1 ? req.url : req.url.slice(0, query)}`);
}

// Above the device API's own 64 KiB limit, so the handler still gives its 413;
// the cap only stops a client streaming without end into memory.
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Runs a Web-standard handler for a Node request: the body is buffered (bounded), the response written back. */
export async function serveFastRoute(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const body = await readBounded(req);
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: req.method, headers, body: body.length > 0 ? (body as Uint8Array<ArrayBuffer>) : null });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
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
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
