import { describe, expect, it } from "vitest";
import { DeviceAccessCache } from "./device-access-cache";

const id = "6f1c2a4e-1b2c-4d3e-8f90-123456789abc";

describe("DeviceAccessCache", () => {
  it("loads once within the TTL, again after invalidation or expiry, and remembers unknown ids", async () => {
    const cache = new DeviceAccessCache(40);
    let loads = 0;
    const load = (deviceId: string) => Promise.resolve((loads++, deviceId === id ? { accessKeyHash: "h" } : null));
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
