import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { analyzeIfNeverAnalyzed, refreshPlannerStatistics } from "@/lib/server/database/planner-statistics";
import { makeModel, makePartner } from "./support/partners";

// SQLite's planner needs ANALYZE's statistics to tell one model's devices
// (few) from a partner's recently seen ones (many). The page query of
// "online" with an HTTP model, as Prisma writes it, is read through the
// model's own index once they exist; without them SQLite read the partner's
// last-seen range and sorted it (89 ms at 100,000 devices).
const onSqlite = process.env.DATABASE_URL?.startsWith("file:") ?? false;
const MODELS = 10;
const PER_MODEL = 300;

let partnerId: string;
let httpModel: string;
const now = new Date();

const planOfHttpOnlinePage = async () =>
  (
    await db.$queryRawUnsafe<Array<{ detail: string }>>(
      `EXPLAIN QUERY PLAN SELECT "id" FROM "Device"
       WHERE "partnerId" = ? AND "modelId" = ? AND "isEnabled" = 1 AND "lastSeenAt" >= ?
       ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
      partnerId,
      httpModel,
      new Date(now.getTime() - 10 * 60_000).toISOString(),
    )
  )
    .map((row) => row.detail)
    .join("; ");

const deviceStatistics = async () =>
  db.$queryRawUnsafe<Array<{ idx: string; stat: string }>>(
    `SELECT "idx", "stat" FROM sqlite_stat1 WHERE "tbl" = 'Device' ORDER BY "idx"`,
  );

describe.skipIf(!onSqlite)("query planner statistics (SQLite)", () => {
  beforeAll(async () => {
    const partner = await makePartner("Planner");
    partnerId = partner.partnerId;
    const models: string[] = [];
    for (let m = 0; m < MODELS; m++) models.push(await makeModel(partner, { protocol: m === 4 ? "HTTP" : "MQTT" }));
    httpModel = models[4]!;
    // Most devices heard from lately, as in a fleet that is up.
    await db.device.createMany({
      data: models.flatMap((modelId, m) =>
        Array.from({ length: PER_MODEL }, (_, i) => ({
          id: randomUUID(),
          partnerId,
          modelId,
          sn: `PS-${m}-${i}`,
          firmwareVersion: "1.0.0",
          accessKeyHash: randomUUID(),
          hubPasswordHash: "unused",
          createdAt: new Date(now.getTime() - (m * PER_MODEL + i) * 1000),
          lastSeenAt: i % 10 < 8 ? now : null,
          isConnected: i % 2 === 0,
        })),
      ),
    });
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS sqlite_stat1`).catch(async () => {
      // SQLite refuses to drop it on some versions; emptying it forgets the statistics as well.
      await db.$executeRawUnsafe(`DELETE FROM sqlite_stat1`);
    });
  });

  it("gathers them at start when there are none, and the model's index is then used", async () => {
    expect(await planOfHttpOnlinePage()).not.toContain("Device_modelId_createdAt_id_idx");
    await analyzeIfNeverAnalyzed();
    expect((await deviceStatistics()).length).toBeGreaterThan(0);
    expect(await planOfHttpOnlinePage()).toContain("Device_modelId_createdAt_id_idx");
  });

  it("keeps statistics that exist at the next start, and the housekeeping refresh leaves them usable", async () => {
    await db.$executeRawUnsafe(`UPDATE sqlite_stat1 SET "stat" = "stat" || ' ' WHERE "tbl" = 'Device'`);
    const marked = await deviceStatistics();
    await analyzeIfNeverAnalyzed();
    expect(await deviceStatistics()).toEqual(marked);
    await refreshPlannerStatistics();
    expect((await deviceStatistics()).length).toBeGreaterThan(0);
    expect(await planOfHttpOnlinePage()).toContain("Device_modelId_createdAt_id_idx");
  });
});
