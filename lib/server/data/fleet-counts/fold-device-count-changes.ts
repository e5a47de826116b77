import "server-only";
import { db } from "../../database/db";
import { onPostgres } from "../../database/db-dialect";

const KEY = `"partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen"`;

/**
 * Folds the device count changes that the Device triggers appended into
 * DeviceStateCount and PartnerDailyStat, `chunk` at a time, until none are
 * left; returns how many it folded. Readers sum counts and changes, so a
 * fold changes no figure: it only keeps the changes few. On PostgreSQL each
 * chunk is one statement (a DELETE ... RETURNING feeding the inserts), so a
 * change committed meanwhile is either folded or left, never lost. A
 * registration day whose partner is gone is dropped.
 */
export async function foldDeviceCountChanges(chunk = 20_000): Promise<number> {
  let folded = 0;
  for (;;) {
    const count = onPostgres() ? await foldOnPostgres(chunk) : await foldOnSqlite(chunk);
    folded += count;
    if (count < chunk) return folded;
  }
}

async function foldOnPostgres(chunk: number): Promise<number> {
  const [result] = await db.$queryRawUnsafe<Array<{ folded: number | bigint }>>(
    `WITH "moved" AS (
       DELETE FROM "DeviceCountChange"
       WHERE "id" IN (SELECT "id" FROM "DeviceCountChange" ORDER BY "id" LIMIT ${chunk} FOR UPDATE SKIP LOCKED)
       RETURNING *
     ), "states" AS (
       INSERT INTO "DeviceStateCount" (${KEY}, "devices")
       SELECT ${KEY}, SUM("devices") FROM "moved" GROUP BY ${KEY} ORDER BY ${KEY}
       ON CONFLICT (${KEY}) DO UPDATE SET "devices" = "DeviceStateCount"."devices" + excluded."devices"
     ), "days" AS (
       INSERT INTO "PartnerDailyStat" ("partnerId", "day", "registrations")
       SELECT "moved"."partnerId", "registeredOn", SUM("devices") FROM "moved"
       JOIN "Organization" ON "Organization"."id" = "moved"."partnerId"
       GROUP BY "moved"."partnerId", "registeredOn" HAVING SUM("devices") <> 0 ORDER BY 1, 2
       ON CONFLICT ("partnerId", "day") DO UPDATE SET "registrations" = "PartnerDailyStat"."registrations" + excluded."registrations"
     )
     SELECT COUNT(*) AS "folded" FROM "moved"`,
  );
  return Number(result?.folded ?? 0);
}

async function foldOnSqlite(chunk: number): Promise<number> {
  // One writer at a time: the transaction sees exactly the changes it deletes.
  return db.$transaction(async (tx) => {
    const [last] = await tx.$queryRawUnsafe<Array<{ id: number | null; n: number }>>(
      `SELECT MAX("id") AS "id", COUNT(*) AS "n" FROM (SELECT "id" FROM "DeviceCountChange" ORDER BY "id" LIMIT ${chunk})`,
    );
    if (!last?.id) return 0;
    await tx.$executeRawUnsafe(
      `INSERT INTO "DeviceStateCount" (${KEY}, "devices")
       SELECT ${KEY}, SUM("devices") FROM "DeviceCountChange" WHERE "id" <= ${last.id} GROUP BY ${KEY}
       ON CONFLICT (${KEY}) DO UPDATE SET "devices" = "devices" + excluded."devices"`,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "PartnerDailyStat" ("partnerId", "day", "registrations")
       SELECT "partnerId", "registeredOn", SUM("devices") FROM "DeviceCountChange"
       WHERE "id" <= ${last.id} AND "partnerId" IN (SELECT "id" FROM "Organization")
       GROUP BY "partnerId", "registeredOn" HAVING SUM("devices") <> 0
       ON CONFLICT ("partnerId", "day") DO UPDATE SET "registrations" = "registrations" + excluded."registrations"`,
    );
    await tx.$executeRawUnsafe(`DELETE FROM "DeviceCountChange" WHERE "id" <= ${last.id}`);
    return Number(last.n);
  });
}
