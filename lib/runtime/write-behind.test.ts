import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { writeBehind, type WriteBehindOptions } from "./write-behind";

class Busy extends Error {}

function recorder(overrides: Partial<WriteBehindOptions<number>> = {}) {
  const writes: number[][] = [];
  const dropped: number[] = [];
  const buffer = writeBehind<number>({
    name: `write-behind-test-${randomUUID()}`,
    log: "test",
    items: "numbers",
    // Long: a test flushes by hand unless it is about the timer.
    flushMs: 60_000,
    maxPending: 100,
    whenFull: "drop-oldest",
    write: (batch) => {
      writes.push(batch);
      return Promise.resolve();
    },
    onDrop: (items) => void dropped.push(...items),
    ...overrides,
  });
  return { buffer, writes, dropped };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe("writeBehind", () => {
  it("writes what was queued in one batch, by its timer or by a flush", async () => {
    const { buffer, writes } = recorder({ flushMs: 5 });
    buffer.push(1);
    buffer.push(2);
    expect(buffer.pendingCount()).toBe(2);
    await vi.waitFor(() => expect(writes).toEqual([[1, 2]]));
    buffer.push(3);
    await buffer.flush();
    expect(writes).toEqual([[1, 2], [3]]);
    expect(buffer.pendingCount()).toBe(0);
  });

  it("splits a long queue into batches of maxBatch, written one after another", async () => {
    const { buffer, writes } = recorder({ maxBatch: 2 });
    for (const n of [1, 2, 3, 4, 5]) buffer.push(n);
    await buffer.flush();
    expect(writes).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("a flush waits for the write already under way, though it finds nothing queued", async () => {
    const gate = deferred();
    const writes: number[][] = [];
    const { buffer } = recorder({
      write: async (batch) => {
        await gate.promise;
        writes.push(batch);
      },
    });
    buffer.push(1);
    const underWay = buffer.flush(); // the timer's flush
    await vi.waitFor(() => expect(buffer.pendingCount()).toBe(0)); // it has taken item 1
    let isFlushed = false;
    const second = buffer.flush().then(() => (isFlushed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isFlushed).toBe(false);
    gate.resolve();
    await second;
    expect(writes).toEqual([[1]]);
    await underWay;
  });

  it("queues what the owner retries in front of newer items, and loses the rest of a failed batch", async () => {
    let failures = 1;
    const writes: number[][] = [];
    const { buffer } = recorder({
      write: (batch) => {
        if (failures-- > 0) return Promise.reject(new Busy("busy"));
        writes.push(batch);
        return Promise.resolve();
      },
      retry: (batch, error) => (error instanceof Busy ? batch.filter((n) => n % 2 === 1) : []),
    });
    buffer.push(1);
    buffer.push(2);
    buffer.push(3);
    await buffer.flush();
    expect(writes).toEqual([]);
    expect(buffer.pendingCount()).toBe(2);
    buffer.push(4);
    await buffer.flush();
    expect(writes).toEqual([[1, 3, 4]]);
  });

  it("goes on after a write that failed for good, and after a retry hook that threw", async () => {
    let calls = 0;
    const writes: number[][] = [];
    const { buffer } = recorder({
      maxBatch: 1,
      write: (batch) => {
        if (++calls <= 2) return Promise.reject(new Error("constraint"));
        writes.push(batch);
        return Promise.resolve();
      },
      retry: (batch) => {
        if (batch[0] === 2) throw new Error("hook failed");
        return [];
      },
    });
    buffer.push(1);
    buffer.push(2);
    await buffer.flush();
    buffer.push(3);
    await buffer.flush();
    expect(writes).toEqual([[3]]);
  });

  it("past maxPending drops the oldest, or refuses the new item", async () => {
    const oldest = recorder({ maxPending: 2 });
    for (const n of [1, 2, 3]) oldest.buffer.push(n);
    await oldest.buffer.flush();
    expect(oldest.dropped).toEqual([1]);
    expect(oldest.writes).toEqual([[2, 3]]);

    const newest = recorder({ maxPending: 2, whenFull: "refuse-new" });
    for (const n of [1, 2, 3]) newest.buffer.push(n);
    await newest.buffer.flush();
    expect(newest.dropped).toEqual([3]);
    expect(newest.writes).toEqual([[1, 2]]);
  });
});
