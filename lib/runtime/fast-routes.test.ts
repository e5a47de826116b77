import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "../http/request-headers";
import { addFastRoutes, fetchRoute, findFastRoute, jsonRoute, serveFastRoute } from "./fast-routes";
import { logger } from "./logger";

const server = createServer((req, res) => {
  req.headers[CLIENT_ADDRESS_HEADER] = "from-the-socket"; // as server.ts does
  const route = findFastRoute(req);
  if (route) void serveFastRoute(route, req, res);
  else res.writeHead(404).end("next.js");
});
let base = "";

beforeAll(async () => {
  addFastRoutes({
    "POST /test/echo": fetchRoute(async (request) =>
      Response.json(
        {
          body: await request.text(),
          type: request.headers.get("content-type"),
          address: request.headers.get(CLIENT_ADDRESS_HEADER),
          url: request.url,
        },
        { status: 201, headers: { "Retry-After": "3" } },
      ),
    ),
    "POST /test/json": jsonRoute((call) =>
      Promise.resolve({
        status: 202,
        json: { got: call.body.toString(), auth: call.headers.authorization },
        headers: { "Cache-Control": "no-store" },
      }),
    ),
    "POST /test/broken": jsonRoute(() => Promise.reject(new Error("a bug"))),
    "GET /test/things/:thingId/parts": fetchRoute(async (_request, context) => Response.json(await context.params)),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => void server.close());

describe("fast routes (served by server.ts ahead of Next.js)", () => {
  it("hand a route its path's parameters; other paths and methods are left to Next.js", async () => {
    expect(await (await fetch(`${base}/test/things/a%20b/parts?x=1`)).json()).toEqual({ thingId: "a b" });
    expect(await (await fetch(`${base}/test/things/a/b/parts`)).text()).toBe("next.js");
    expect(await (await fetch(`${base}/test/things/%E0%A4%A/parts`)).text()).toBe("next.js");
    expect(await (await fetch(`${base}/test/things/a/parts`, { method: "POST" })).text()).toBe("next.js");
  });

  it("hand the handler the request and write back its status, headers and body", async () => {
    // A client cannot choose the address its rate limit is counted under.
    const headers = { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: "spoofed" };
    const response = await fetch(`${base}/test/echo?x=1`, { method: "POST", headers, body: '{"a":"é"}' });
    expect(response.status).toBe(201);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await response.json()).toEqual({
      body: '{"a":"é"}',
      type: "application/json",
      address: "from-the-socket",
      url: expect.stringMatching(/\/test\/echo\?x=1$/) as unknown,
    });
  });

  it("hand a JSON route the headers and raw body, and write its answer as JSON", async () => {
    const response = await fetch(`${base}/test/json`, {
      method: "POST",
      headers: { authorization: "Bearer x" },
      body: "raw",
    });
    expect(response.status).toBe(202);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ got: "raw", auth: "Bearer x" });
  });

  it("leave other methods and paths to Next.js", async () => {
    expect(await (await fetch(`${base}/test/echo`)).text()).toBe("next.js");
    expect(await (await fetch(`${base}/test/echo/more`, { method: "POST" })).text()).toBe("next.js");
  });

  it("refuse an endless body with 413 and a handler's bug with a bare 500", async () => {
    const huge = await fetch(`${base}/test/echo`, { method: "POST", body: "x".repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const logged = vi.spyOn(logger("http"), "error").mockImplementation(() => undefined);
    const broken = await fetch(`${base}/test/broken`, { method: "POST", body: "{}" });
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ error: "internal error" });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
