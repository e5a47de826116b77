import { AsyncLocalStorage } from "node:async_hooks";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, currentRequestId, withRequestId } from "./logger";
import { readableLine } from "./readable-log";

function collect() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe("[OPS] structured logs", () => {
  it("one JSON line an event, with the request's id while a request is handled", async () => {
    const requests = new AsyncLocalStorage<{ requestId: string }>();
    const { lines, destination } = collect();
    const log = createLogger(requests, { level: "info", destination }).child({ component: "hub" });
    log.info("outside any request");
    await requests.run({ requestId: "req-1" }, async () => {
      await Promise.resolve();
      log.warn({ deviceId: "d-1" }, "inside");
      log.debug("below the level");
    });
    log.error({ err: new Error("boom") }, "failed");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 30, component: "hub", msg: "outside any request" });
    expect(lines[0]).not.toHaveProperty("requestId");
    expect(lines[1]).toMatchObject({ level: 40, requestId: "req-1", deviceId: "d-1", msg: "inside" });
    expect(lines[2]).toMatchObject({ level: 50, msg: "failed", err: { message: "boom", type: "Error" } });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("withRequestId carries the id through awaits", async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await withRequestId("req-2", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentRequestId();
    });
    expect(seen).toBe("req-2");
  });
});

describe("[OPS] readable lines (development, on a terminal)", () => {
  it("show time, level, component and message, then the other fields", () => {
    const line = JSON.stringify({
      level: 40,
      time: "2026-11-30T05:12:34.567Z",
      pid: 1,
      hostname: "h",
      component: "hub",
      requestId: "r-1",
      msg: "reload not confirmed",
      ids: [1, 2],
    });
    expect(readableLine(line)).toBe("05:12:34.567 WARN  [hub] reload not confirmed requestId=r-1 ids=[1,2]");
    expect(readableLine("not json")).toBe("not json");
  });
});
