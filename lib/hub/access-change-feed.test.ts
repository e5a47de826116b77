import { describe, expect, it } from "vitest";
import { AccessChangeFeed, type AccessChange } from "./access-change-feed";

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
});
