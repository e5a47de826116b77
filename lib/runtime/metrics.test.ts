import { describe, expect, it } from "vitest";
import { countRegistration, metrics, metricsAccess } from "./metrics";

describe("[OPS] who may scrape /metrics", () => {
  const token = "a-metrics-token-of-some-length";
  it("without METRICS_TOKEN: callers on this machine only", () => {
    for (const clientAddress of ["127.0.0.1", "127.8.9.1", "::1", "::ffff:127.0.0.1"])
      expect(metricsAccess({ token: undefined, clientAddress, authorization: undefined })).toBe("ok");
    for (const clientAddress of ["10.0.0.7", "203.0.113.9", "::ffff:10.0.0.7", "2001:db8::1", "unknown", ""])
      expect(metricsAccess({ token: undefined, clientAddress, authorization: undefined })).toBe(403);
  });

  it("with METRICS_TOKEN: the bearer token from anywhere, loopback included", () => {
    const ask = (authorization: string | undefined, clientAddress = "203.0.113.9") =>
      metricsAccess({ token, clientAddress, authorization });
    expect(ask(`Bearer ${token}`)).toBe("ok");
    expect(ask(`bearer ${token}`, "127.0.0.1")).toBe("ok");
    expect(ask(undefined)).toBe(401);
    expect(ask(undefined, "127.0.0.1")).toBe(401);
    expect(ask(token)).toBe(401);
    expect(ask(`Bearer ${token}x`)).toBe(401);
    expect(ask(`Bearer ${token.slice(0, -1)}`)).toBe(401);
    expect(ask("Bearer ")).toBe(401);
  });
});

describe("[OPS] the metrics", () => {
  it("are made once per process, whichever copy of the module asks", async () => {
    expect(metrics()).toBe(metrics());
    const before = (await metrics().registrations.get()).values.find((v) => v.labels.outcome === "conflict")?.value;
    countRegistration(409);
    countRegistration(422);
    const after = await metrics().registrations.get();
    expect(after.values.find((v) => v.labels.outcome === "conflict")?.value).toBe((before ?? 0) + 1);
    expect(after.values.find((v) => v.labels.outcome === "invalid")?.value).toBeGreaterThanOrEqual(1);
    expect(await metrics().registry.metrics()).toMatch(/^partner_hub_registrations_total\{outcome="conflict"\} \d+$/m);
  });
});
