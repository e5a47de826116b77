import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/database/db";
import { describeApiError } from "@/lib/server/device-api/api-response";
import { isDatabaseBusy } from "@/lib/server/errors";
import { holdWriteLock } from "./support/hold-write-lock";

// Several portal processes may share one SQLite file (RATE_LIMIT_STORE=database,
// docs/deploy.md). Each must wait for another's write instead of failing.
describe("the SQLite connection", () => {
  it("keeps its busy timeout and sync level after a transaction", async () => {
    await db.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1"));
    await db.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1"));
    expect(await db.$queryRawUnsafe("PRAGMA busy_timeout")).toEqual([{ timeout: 5000 }]);
    expect(await db.$queryRawUnsafe("PRAGMA synchronous")).toEqual([{ synchronous: 1 }]);
  });

  it("leaves no connection open behind a transaction", async () => {
    // libSQL's own transactions each left a connection (two descriptors) open until garbage collection.
    const openFiles = () => readdirSync("/proc/self/fd").length;
    const before = openFiles();
    for (let i = 0; i < 200; i++) await db.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1"));
    expect(openFiles() - before).toBeLessThan(10);
  });

  it("rolls a failed transaction back and runs the next query outside it", async () => {
    const key = `rollback-${randomUUID()}`;
    await expect(
      db.$transaction(async (tx) => {
        await tx.rateLimit.create({ data: { key, points: 1 } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.rateLimit.findUnique({ where: { key } })).toBeNull();
    await db.rateLimit.create({ data: { key, points: 1 } });
    await db.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1"));
    expect(await db.rateLimit.findUnique({ where: { key } })).toMatchObject({ points: 1 });
  });

  it("waits for another process's write lock in a transaction that reads first", async () => {
    await db.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1")); // the connection after a transaction is the one at risk
    const key = `lock-${randomUUID()}`;
    await db.rateLimit.create({ data: { key, points: 1 } });
    const { released } = await holdWriteLock(300);
    const counted = await db.$transaction(async (tx) => {
      const row = await tx.rateLimit.findUnique({ where: { key } });
      return tx.rateLimit.update({ where: { key }, data: { points: (row?.points ?? 0) + 1 } });
    });
    await released;
    expect(counted.points).toBe(2);
  });

  it("still locked after the wait, answers 503 with a retry hint, not a 500", () => {
    const timedOut = new Prisma.PrismaClientKnownRequestError("Operation has timed out", {
      code: "P1008",
      clientVersion: Prisma.prismaVersion.client,
    });
    expect(describeApiError(timedOut)).toEqual({
      status: 503,
      error: "the database is busy; retry in a moment",
      retryAfterSeconds: 1,
    });
  });
});

describe("a transaction that outlives its timeout", () => {
  it("counts as the database being busy, so a buffer retries its batch instead of dropping it", async () => {
    const expired = await db
      .$transaction(
        async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          await tx.$queryRawUnsafe("SELECT 1");
        },
        { timeout: 50 },
      )
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(expired).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((expired as Prisma.PrismaClientKnownRequestError).code).toBe("P2028");
    expect(isDatabaseBusy(expired)).toBe(true);
  });
});
