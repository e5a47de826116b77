import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { isPostgresUrl, resolveDatabaseUrl } from "./database-url";

const APPLIED = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** The migrations in the checkout for this database's engine (the folders prisma.config.ts points the CLI at). */
function migrationNames(url: string): string[] {
  const folder = path.join("prisma", ...(isPostgresUrl(url) ? ["postgres"] : []), "migrations");
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name);
}

async function appliedNames(url: string): Promise<string[]> {
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ migration_name: string }>(APPLIED)).rows.map((row) => row.migration_name);
    } finally {
      await client.end();
    }
  }
  const client = createClient({ url });
  try {
    return (await client.execute(APPLIED)).rows.map((row) => `${row.migration_name as string}`);
  } finally {
    client.close();
  }
}

/**
 * The checkout's migrations that the database has not applied; all of them
 * when it has no migrations table yet, or cannot be read (the Prisma CLI
 * then says why). Lets a restart skip the CLI, which costs 1.7–4 s of
 * start-up on 2 loaded cores even when there is nothing to do.
 */
export async function pendingMigrations(databaseUrl: string | undefined): Promise<string[]> {
  const url = resolveDatabaseUrl(databaseUrl);
  const names = migrationNames(url);
  const applied = new Set(await appliedNames(url).catch(() => []));
  return names.filter((name) => !applied.has(name));
}
