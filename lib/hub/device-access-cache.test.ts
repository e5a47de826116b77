import { describe, expect, it } from "vitest";
import { DeviceAccessCache, type DeviceAccess } from "./device-access-cache";

const id = "6f1c2a4e-1b2c-4d3e-8f90-123456789abc";

describe("DeviceAccessCache", () => {
  it("answers filled devices without a read, reads a device it does not hold once, and drops what changed", async () => {
    const cache = new DeviceAccessCache();
    let loads = 0;
    const load = (deviceId: string) => Promise.resolve((loads++, deviceId === id ? { accessKeyHash: "h" } : null));
    expect(await cache.fill(() => Promise.resolve([{ id: "filled", accessKeyHash: "f" }]))).toBe(1);
    expect(await cache.get("filled", load)).toEqual({ accessKeyHash: "f" });
    expect(loads).toBe(0);
    await cache.get(id, load);
    await cache.get(id, load);
    expect(loads).toBe(1);
    cache.invalidate([id, "filled"]);
    expect(await cache.get("filled", load)).toBeNull();
    await cache.get(id, load);
    expect(loads).toBe(3);
    expect(cache.size).toBe(1);
  });

  it("remembers a refused id for its TTL only, and only so many of them", async () => {
    const cache = new DeviceAccessCache(40, 2);
    let loads = 0;
    const load = () => Promise.resolve((loads++, null));
    await cache.get("a", load);
    await cache.get("a", load);
    expect(loads).toBe(1);
    await cache.get("b", load);
    await cache.get("c", load); // pushes out "a"
    await cache.get("a", load);
    expect(loads).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await cache.get("b", load);
    expect(loads).toBe(5);
  });

  it("does not keep a read that was under way when its device changed", async () => {
    const cache = new DeviceAccessCache();
    let release!: (access: DeviceAccess) => void;
    const slow = () => new Promise<DeviceAccess>((resolve) => (release = resolve));
    const pending = cache.get(id, slow);
    cache.invalidate([id]); // e.g. a rotation committed while the old row was being read
    release({ accessKeyHash: "old" });
    expect(await pending).toEqual({ accessKeyHash: "old" });
    let loads = 0;
    expect(await cache.get(id, () => Promise.resolve((loads++, { accessKeyHash: "new" })))).toEqual({
      accessKeyHash: "new",
    });
    expect(loads).toBe(1);

    let releasePage!: () => void;
    const fill = cache.fill(
      () => new Promise((resolve) => (releasePage = () => resolve([{ id: "x", accessKeyHash: "stale" }]))),
    );
    cache.invalidate(["x"]);
    releasePage();
    await fill;
    expect(await cache.get("x", () => Promise.resolve({ accessKeyHash: "fresh" }))).toEqual({ accessKeyHash: "fresh" });
  });
});
