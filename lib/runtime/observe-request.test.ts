import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { metrics } from "./metrics";
import { assignRequestId, nextRouteKind, observeRequest } from "./observe-request";

describe("[OPS] each request", () => {
  it("gets an id (a proxy's sane one is kept) and its latency goes into the histogram by route", async () => {
    const route = `POST /test/${Date.now()}`;
    const server = createServer((req, res) => {
      const requestId = assignRequestId(req, res);
      observeRequest(req, res, route, requestId);
      res.writeHead(req.url === "/missing" ? 404 : 201).end(requestId);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const kept = await fetch(`${base}/x`, { method: "POST", headers: { "x-request-id": "edge-42" } });
      expect(kept.headers.get("x-request-id")).toBe("edge-42");
      const replaced = await fetch(`${base}/x`, { method: "POST", headers: { "x-request-id": "bad id\u00e9" } });
      expect(await replaced.text()).toMatch(/^[0-9a-f-]{36}$/);
      await fetch(`${base}/missing`, { method: "POST" });
    } finally {
      server.close();
    }
    const { values } = await metrics().requestDuration.get();
    const count = (status: string) =>
      values.find((v) => v.metricName?.endsWith("_count") && v.labels.route === route && v.labels.status === status)
        ?.value;
    await expect.poll(() => count("201")).toBe(2);
    expect(count("404")).toBe(1);
  });

  it("Next.js's paths are labelled by kind, never by path", () => {
    expect(nextRouteKind("/_next/static/chunks/a.js")).toBe("next:static");
    expect(nextRouteKind("/api/health/ready")).toBe("next:api");
    expect(nextRouteKind("/v1/devices/bulk_create")).toBe("next:device-api");
    expect(nextRouteKind("/devices/0b7c")).toBe("next:page");
  });
});
