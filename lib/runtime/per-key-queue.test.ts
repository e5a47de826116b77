import { describe, expect, it } from "vitest";
import { PerKeyQueue } from "./per-key-queue";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PerKeyQueue", () => {
  it("keeps one key's order, lets other keys pass, survives a failure and forgets idle keys", async () => {
    const queue = new PerKeyQueue();
    const done: string[] = [];
    const runs = [
      queue.run("a", async () => {
        await sleep(30);
        done.push("a1");
      }),
      queue.run("a", () => Promise.reject(new Error("a2 failed"))),
      queue.run("a", () => {
        done.push("a3");
        return Promise.resolve();
      }),
      queue.run("b", () => {
        done.push("b1");
        return Promise.resolve();
      }),
    ];
    const results = await Promise.allSettled(runs);
    expect(done).toEqual(["b1", "a1", "a3"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    await sleep(0);
    expect(queue.size).toBe(0);
  });
});
