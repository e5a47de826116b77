import { describe, expect, it } from "vitest";
import { DeviceAccessCache, isDeviceTopic } from "./device-access-cache";

const id = "6f1c2a4e-1b2c-4d3e-8f90-123456789abc";

describe("isDeviceTopic", () => {
  it("admits the prefix and below, nothing beside or above it", () => {
    expect(isDeviceTopic(id, `v1/device/${id}`)).toBe(true);
    expect(isDeviceTopic(id, `v1/device/${id}/telemetry`)).toBe(true);
    expect(isDeviceTopic(id, `v1/device/${id}/#`)).toBe(true);
    expect(isDeviceTopic(id, `v1/device/${id}x/telemetry`)).toBe(false);
    expect(isDeviceTopic(id, "v1/device/+/telemetry")).toBe(false);
    expect(isDeviceTopic(id, "v1/device/#")).toBe(false);
    expect(isDeviceTopic(id, `$share/g/v1/device/${id}/#`)).toBe(false);
  });
});

describe("DeviceAccessCache", () => {
  it("loads once within the TTL, again after invalidation or expiry, and remembers unknown ids", async () => {
    const cache = new DeviceAccessCache(40);
    let loads = 0;
    const load = (deviceId: string) => Promise.resolve((loads++, deviceId === id ? { accessKeyHash: "h", isAdmitted: true } : null));
    await cache.get(id, load);
    await cache.get(id, load);
    expect(loads).toBe(1);
    cache.invalidate([id]);
    await cache.get(id, load);
    expect(loads).toBe(2);
    expect(await cache.get("unknown", load)).toBeNull();
    expect(await cache.get("unknown", load)).toBeNull();
    expect(loads).toBe(3);
    await new Promise((r) => setTimeout(r, 50));
    await cache.get(id, load);
    expect(loads).toBe(4);
  });

  it("stays within its size by dropping the oldest entry", async () => {
    const cache = new DeviceAccessCache(60_000, 2);
    let loads = 0;
    const load = () => Promise.resolve((loads++, null));
    await cache.get("a", load);
    await cache.get("b", load);
    await cache.get("c", load);
    await cache.get("a", load);
    expect(loads).toBe(4);
  });
});
