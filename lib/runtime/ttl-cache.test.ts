import { afterEach, describe, expect, it, vi } from "vitest";
import { TtlCache } from "./ttl-cache";

afterEach(() => vi.useRealTimers());

describe("TtlCache", () => {
  it("loads once while fresh, again once the entry is older than its time", async () => {
    vi.useFakeTimers();
    const cache = new TtlCache<{ n: number }>(1_000);
    let loads = 0;
    const load = () => Promise.resolve({ n: ++loads });
    expect(await cache.getOrLoad("a", load)).toEqual({ n: 1 });
    vi.advanceTimersByTime(999);
    expect(await cache.getOrLoad("a", load)).toEqual({ n: 1 });
    vi.advanceTimersByTime(1);
    expect(await cache.getOrLoad("a", load)).toEqual({ n: 2 });
  });

  it("keeps no miss, and a miss drops what was kept under its key", async () => {
    vi.useFakeTimers();
    const cache = new TtlCache<string>(1_000);
    const load = vi.fn<() => Promise<string | null>>().mockResolvedValue(null);
    expect(await cache.getOrLoad("guess", load)).toBeNull();
    expect(await cache.getOrLoad("guess", load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);

    expect(await cache.getOrLoad("k", () => Promise.resolve("v1"))).toBe("v1");
    vi.advanceTimersByTime(1_000);
    expect(await cache.getOrLoad("k", () => Promise.resolve(null))).toBeNull();
    expect(await cache.getOrLoad("k", () => Promise.resolve("v2"))).toBe("v2");
  });

  it("forgets by key or by what the value says", async () => {
    const cache = new TtlCache<{ owner: string }>(60_000, 3);
    const keep = (key: string, owner: string) => cache.getOrLoad(key, () => Promise.resolve({ owner }));
    const cached = (key: string) => cache.getOrLoad(key, () => Promise.resolve({ owner: "reloaded" }));
    await keep("a", "ann");
    await keep("b", "bob");
    await keep("c", "ann");
    cache.deleteWhere((value) => value.owner === "ann");
    expect(await cached("a")).toEqual({ owner: "reloaded" });
    expect(await cached("b")).toEqual({ owner: "bob" });
    cache.delete("b");
    expect(await cached("b")).toEqual({ owner: "reloaded" });
  });

  it("starts over when full", async () => {
    const cache = new TtlCache<string>(60_000, 2);
    await cache.getOrLoad("x", () => Promise.resolve("x"));
    await cache.getOrLoad("y", () => Promise.resolve("y"));
    await cache.getOrLoad("z", () => Promise.resolve("z"));
    expect(await cache.getOrLoad("z", () => Promise.resolve("reloaded"))).toBe("z");
    expect(await cache.getOrLoad("x", () => Promise.resolve("reloaded"))).toBe("reloaded");
  });
});
