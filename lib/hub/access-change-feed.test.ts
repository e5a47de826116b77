import { afterEach, describe, expect, it, vi } from "vitest";
import { AccessChangeFeed, type AccessChange } from "./access-change-feed";

afterEach(() => {
  vi.useRealTimers();
});

describe("AccessChangeFeed", () => {
  it("reports each change once, reads a window back, and says a failure once", async () => {
    const now = Date.now();
    let stored: AccessChange[] = [{ eventId: "e1", deviceId: "d1", at: new Date(now - 1_000) }];
    const sinces: number[] = [];
    const reported: string[][] = [];
    const logged: string[] = [];
    let isDown = false;
    const feed = new AccessChangeFeed({
      read: (since) => (
        sinces.push(since.getTime()),
        isDown ? Promise.reject(new Error("database busy")) : Promise.resolve(stored.filter((c) => c.at >= since))
      ),
      onChange: (ids) => reported.push(ids),
      overlapMs: 10_000,
      log: (message) => logged.push(message),
    });
    await feed.poll();
    // Read after the poll: the window must reach at least 10 s behind the moment it was read.
    const afterFirstPoll = Date.now();
    stored = [
      ...stored,
      { eventId: "e2", deviceId: "d2", at: new Date() },
      { eventId: "old", deviceId: "d0", at: new Date(now - 60_000) },
    ];
    await feed.poll();
    await feed.poll();
    expect(reported).toEqual([["d1"], ["d2"]]);
    expect(afterFirstPoll - sinces[0]!).toBeGreaterThanOrEqual(10_000);
    isDown = true;
    await feed.poll();
    await feed.poll();
    expect(logged).toEqual(["reading credential changes failed: database busy"]);
  });

  it("after reads failed for longer than the overlap, the next one catches up from the last that succeeded", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    vi.setSystemTime(t0);
    const stored: AccessChange[] = [];
    const sinces: number[] = [];
    const reported: string[][] = [];
    const logged: string[] = [];
    let isDown = false;
    const feed = new AccessChangeFeed({
      read: (since) => (
        sinces.push(since.getTime()),
        isDown ? Promise.reject(new Error("connection refused")) : Promise.resolve(stored.filter((c) => c.at >= since))
      ),
      onChange: (ids) => reported.push(ids),
      overlapMs: 30_000,
      log: (message) => logged.push(message),
    });
    await feed.poll();
    isDown = true;
    // Another process revokes a device 20 s into a 2-minute outage of this one's database connection.
    stored.push({ eventId: "revoked", deviceId: "d-revoked", at: new Date(t0 + 20_000) });
    for (let s = 10; s <= 110; s += 10) {
      vi.setSystemTime(t0 + s * 1_000);
      await feed.poll();
    }
    expect(reported).toEqual([]);
    isDown = false;
    vi.setSystemTime(t0 + 120_000);
    await feed.poll();
    expect(reported).toEqual([["d-revoked"]]);
    expect(sinces.at(-1)).toBe(t0 - 30_000);
    expect(logged).toEqual([
      "reading credential changes failed: connection refused",
      "reading credential changes works again (caught up on 150 s)",
    ]);
    // Back to the usual window, behind the read that succeeded; the change is not reported twice.
    vi.setSystemTime(t0 + 121_000);
    await feed.poll();
    expect(sinces.at(-1)).toBe(t0 + 90_000);
    expect(reported).toEqual([["d-revoked"]]);
  });
});
