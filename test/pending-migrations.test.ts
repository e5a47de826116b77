import { randomUUID } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { createClient } from "@libsql/client";
import { expect, it } from "vitest";
import { hasPendingMigrations } from "@/lib/database/pending-migrations";

// The portal skips `prisma migrate deploy` (~10 s of its CLI lingering) only
// when the database has recorded every committed migration as finished.
it("[CONFIG] the migrate step runs when a migration is missing, failed or unrecorded, and only then", async () => {
  expect(await hasPendingMigrations(process.env.DATABASE_URL!)).toBe(false);
  const file = `.tmp/pending-${randomUUID()}.db`;
  expect(await hasPendingMigrations(`file:${file}`)).toBe(true);
  const client = createClient({ url: `file:${file}` });
  try {
    await client.execute(`CREATE TABLE "other" ("id" TEXT)`);
    expect(await hasPendingMigrations(`file:${file}`)).toBe(true);
    await client.execute(
      `CREATE TABLE "_prisma_migrations" ("migration_name" TEXT, "finished_at" DATETIME, "rolled_back_at" DATETIME)`,
    );
    const names = readdirSync("prisma/migrations", { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    for (const name of names.slice(0, -1))
      await client.execute({ sql: `INSERT INTO "_prisma_migrations" VALUES (?, '2026-01-01', NULL)`, args: [name] });
    expect(await hasPendingMigrations(`file:${file}`)).toBe(true);
    await client.execute({ sql: `INSERT INTO "_prisma_migrations" VALUES (?, NULL, NULL)`, args: [names.at(-1)!] });
    expect(await hasPendingMigrations(`file:${file}`)).toBe(true);
    await client.execute(`UPDATE "_prisma_migrations" SET "finished_at" = '2026-01-01'`);
    expect(await hasPendingMigrations(`file:${file}`)).toBe(false);
  } finally {
    client.close();
    rmSync(file, { force: true });
  }
});
