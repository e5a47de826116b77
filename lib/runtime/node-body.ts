import type { Readable } from "node:stream";

// A large answer (a firmware download) streamed straight from a Node stream
// to the socket when server.ts serves the route itself: turning it into a
// Web stream and back costs more CPU per chunk than the rest of the request,
// and holds more of the file in memory (bench/firmware-downloads.bench.ts).
// The fast-route adapter marks the Request it makes; a handler that sees
// the mark may answer a Response without a body and hand the stream over
// here. A Request from anywhere else (Next.js's router, tests) carries no
// mark, so the handler answers a Web stream as usual. Symbols cannot come
// from the network.

const PREFERS_NODE_BODY = Symbol("prefers-node-body");
const nodeBodies = new WeakMap<Response, Readable>();

/** Marks a Request made by the fast-route adapter, which can send a Node stream itself. */
export function preferNodeBody(request: Request): Request {
  (request as Request & { [PREFERS_NODE_BODY]?: true })[PREFERS_NODE_BODY] = true;
  return request;
}

export const isNodeBodyPreferred = (request: Request): boolean =>
  (request as Request & { [PREFERS_NODE_BODY]?: true })[PREFERS_NODE_BODY] === true;

/** A Response whose body is `stream`, for the fast-route adapter to pipe to the socket. */
export function withNodeBody(response: Response, stream: Readable): Response {
  nodeBodies.set(response, stream);
  return response;
}

export const nodeBodyOf = (response: Response): Readable | undefined => nodeBodies.get(response);
