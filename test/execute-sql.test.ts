import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, executeSql, querySql, sqlTransaction } from "@/lib/server/database/db";
import { uniqueViolationFields } from "@/lib/server/errors";
import { makeModel, makePartner } from "./support/partners";

// executeSql, querySql and sqlTransaction run SQL on Prisma's driver adapter
// without Prisma's client (the registration's INSERT, the device API's
// lookup, the telemetry store). What they write must read back through
// Prisma as Prisma's own writes do, their errors must be the ones
// db.$executeRaw throws, and a statement must never land inside a
// transaction held open on the same SQLite connection.

const partner = await makePartner("Execute SQL");
const modelId = await makeModel(partner, { protocol: "HTTP" });

const insertDevice = (device: { id: string; sn: string; createdAt: Date }) =>
  Prisma.sql`
    INSERT INTO "Device" ("id", "partnerId", "modelId", "sn", "firmwareVersion", "configVersion", "accessKeyHash",
      "hubPasswordHash", "isEnabled", "isConnected", "createdAt")
    VALUES (${device.id}, ${partner.partnerId}, ${modelId}, ${device.sn}, ${"1.0.0"}, ${0}, ${randomUUID()},
      ${randomUUID()}, ${true}, ${false}, ${device.createdAt})`;

const newDevice = () => ({ id: randomUUID(), sn: `SN-${randomUUID().slice(0, 8)}`, createdAt: new Date() });

describe("[DB] executeSql", () => {
  it("stores dates, booleans and numbers as Prisma reads them back", async () => {
    const device = { ...newDevice(), createdAt: new Date("2026-12-08T01:02:03.456Z") };
    expect(await executeSql(insertDevice(device))).toBe(1);
    expect(
      await db.device.findUniqueOrThrow({
        where: { id: device.id },
        select: { createdAt: true, isEnabled: true, isConnected: true, configVersion: true },
      }),
    ).toEqual({ createdAt: device.createdAt, isEnabled: true, isConnected: false, configVersion: 0 });
    // Found by the date as Prisma compares it.
    expect(await db.device.count({ where: { id: device.id, createdAt: { gte: device.createdAt } } })).toBe(1);
  });

  it("fails a duplicate with the error db.$executeRaw throws", async () => {
    const device = newDevice();
    await executeSql(insertDevice(device));
    const again = { ...newDevice(), sn: device.sn };
    const direct = await executeSql(insertDevice(again)).catch((error: unknown) => error);
    const throughPrisma = await db.$executeRaw(insertDevice(again)).catch((error: unknown) => error);
    expect(direct).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(uniqueViolationFields(direct)).not.toBeNull();
    expect(uniqueViolationFields(direct)).toEqual(uniqueViolationFields(throughPrisma));
    expect((direct as Prisma.PrismaClientKnownRequestError).code).toBe(
      (throughPrisma as Prisma.PrismaClientKnownRequestError).code,
    );
  });

  it("is not part of a transaction Prisma holds open meanwhile", async () => {
    const inTransaction = newDevice();
    const beside = newDevice();
    let written: Promise<number> | undefined;
    await db
      .$transaction(async (tx) => {
        await tx.$executeRaw(insertDevice(inTransaction));
        written = executeSql(insertDevice(beside));
        // Long enough for the statement to land inside the transaction, were it not kept out.
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await written).toBe(1);
    const stored = await db.device.findMany({
      where: { id: { in: [inTransaction.id, beside.id] } },
      select: { id: true },
    });
    expect(stored).toEqual([{ id: beside.id }]);
  });

  it("reads rows as objects", async () => {
    const device = newDevice();
    await executeSql(insertDevice(device));
    const rows = await querySql<{ id: string; sn: string; isEnabled: boolean | number; configVersion: number }>(
      Prisma.sql`SELECT "id", "sn", "isEnabled", "configVersion" FROM "Device" WHERE "id" IN (${device.id}, ${"none"})`,
    );
    // SQLite's booleans come as 1 and 0.
    expect(rows.map((row) => ({ ...row, isEnabled: Boolean(row.isEnabled) }))).toEqual([
      { id: device.id, sn: device.sn, isEnabled: true, configVersion: 0 },
    ]);
  });

  it("commits a transaction's work when it returns, and keeps none of it when it throws", async () => {
    const kept = newDevice();
    const dropped = [newDevice(), newDevice()];
    expect(await sqlTransaction(async (sql) => sql.execute(insertDevice(kept)))).toBe(1);
    const failure = await sqlTransaction(async (sql) => {
      await sql.execute(insertDevice(dropped[0]!));
      // A statement beside the transaction waits for it on SQLite, and is not part of it anywhere.
      const beside = executeSql(insertDevice(dropped[1]!));
      await sql.execute(insertDevice({ ...newDevice(), sn: kept.sn }));
      return beside;
    }).catch((error: unknown) => error);
    expect(uniqueViolationFields(failure)).not.toBeNull();
    const ids = [kept.id, ...dropped.map((device) => device.id)];
    const stored = await db.device.findMany({ where: { id: { in: ids } }, select: { id: true } });
    // The statement beside it ran on its own once the transaction had rolled back.
    await expect.poll(async () => await db.device.count({ where: { id: dropped[1]!.id } })).toBe(1);
    expect(stored.map((row) => row.id)).not.toContain(dropped[0]!.id);
    expect(stored.map((row) => row.id)).toContain(kept.id);
  });
});
