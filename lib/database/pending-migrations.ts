import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { isPostgresUrl } from "./database-url";

/** The committed migrations' names, as `prisma migrate deploy` applies them. */
function migrationNames(url: string): string[] {
  const folder = path.join("prisma", ...(isPostgresUrl(url) ? ["postgres"] : []), "migrations");
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name);
}

type Recorded = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };

async function recordedMigrations(url: string): Promise<Recorded[]> {
  const sql = `SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`;
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Recorded>(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const client = createClient({ url });
  try {
    return (await client.execute(sql)).rows as unknown as Recorded[];
  } finally {
    client.close();
  }
}

/**
 * Whether `prisma migrate deploy` has anything to do: a migration it has not
 * applied, one that failed part-way (it reports that), or no record at all.
 * Its CLI keeps running ~10 s after it is done (a timer of its WebAssembly
 * engine), which was most of the portal's start-up; asking the database
 * first skips it on every start that brings no new migration.
 */
export async function hasPendingMigrations(url: string): Promise<boolean> {
  if (url.startsWith("file:") && !existsSync(url.slice("file:".length))) return true;
  let recorded: Recorded[];
  try {
    recorded = await recordedMigrations(url);
  } catch {
    return true; // no _prisma_migrations table yet, or unreadable: the CLI decides and says why
  }
  if (recorded.some((row) => row.finished_at === null && row.rolled_back_at === null)) return true;
  const applied = new Set(recorded.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
  return migrationNames(url).some((name) => !applied.has(name));
}
