import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { pendingMigrations } from "@/lib/pending-migrations";

const run = promisify(execFile);

// server.ts skips the Prisma CLI at start when nothing is pending.
describe("[CONFIG] pending migrations", () => {
  it("are every migration for a new database, and none once deployed", async () => {
    const url = `file:${path.join(mkdtempSync(path.join(".tmp", "pending-")), "new.db")}`;
    const all = readdirSync("prisma/migrations", { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(await pendingMigrations(url)).toHaveLength(all.length);
    await run("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
    expect(await pendingMigrations(url)).toEqual([]);
  }, 120_000);

  it("are none for the tests' own database, SQLite or PostgreSQL, which the set-up migrated", async () => {
    expect(await pendingMigrations(process.env.DATABASE_URL)).toEqual([]);
  });
});
