import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { type Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { isPostgresUrl, protectDatabaseFiles, resolveDatabaseUrl } from "@/lib/database/database-url";
import { env } from "@/lib/env";
import { processState } from "@/lib/runtime/process-state";
import { executeOnAdapter, RememberingPg } from "./connected-adapter";
import { statementCachingPool } from "./postgres-statement-cache";
import { LocalSqliteAdapter, applyConnectionPragmas } from "./sqlite-adapter";
import { cachePreparedStatements } from "./sqlite-statement-cache";

// One Prisma client per process (lib/runtime/process-state.ts): Next.js
// bundles this module into several layers (instrumentation, pages, route
// handlers), each with its own copy, and in development re-evaluates it on
// every change. Separate clients would each open their own connections, and only the one
// prepared at start would have prepareDatabase's settings (seen in a
// production build: route handlers failed at once with SQLITE_BUSY while
// another process wrote, as with busy_timeout 0).
export type Database = {
  client: PrismaClient;
  /** `SELECT 1` on the connection the client's queries use, without Prisma's query engine. */
  ping: () => Promise<unknown>;
  /** A statement on the adapter the client's queries use, without Prisma's client (./connected-adapter.ts). */
  execute: (query: Prisma.Sql) => Promise<number>;
};

/** A Prisma client on `url`, and its connection for what skips Prisma (tests open their own to close it). */
export function openDatabase(url: string): Database {
  if (isPostgresUrl(url)) {
    // Generated from the same schema (scripts/postgres-schema.mjs), so its
    // models and queries are the SQLite client's; only the types are separate.
    const pool = statementCachingPool(url);
    const adapter = new RememberingPg(pool, { disposeExternalPool: true });
    const client = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
    return {
      client,
      ping: () => pool.query("SELECT 1"),
      execute: (query) =>
        adapter.connected ? executeOnAdapter(adapter.connected, "postgres", query) : client.$executeRaw(query),
    };
  }
  if (!url.startsWith("file:")) {
    const client = new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
    return { client, ping: () => client.$queryRawUnsafe("SELECT 1"), execute: (query) => client.$executeRaw(query) };
  }
  cachePreparedStatements();
  const adapter = new LocalSqliteAdapter({ url });
  const client = new PrismaClient({ adapter });
  // Until Prisma's first query has connected, each goes through Prisma (which connects).
  return {
    client,
    ping: () => adapter.connection?.execute("SELECT 1") ?? client.$queryRawUnsafe("SELECT 1"),
    execute: (query) =>
      adapter.connected ? executeOnAdapter(adapter.connected, "sqlite", query) : client.$executeRaw(query),
  };
}

/** A Prisma client on `url` (default DATABASE_URL): the portal's is `db`; tests open others (a restored backup). */
export function createDatabaseClient(url = resolveDatabaseUrl(env().DATABASE_URL)): PrismaClient {
  return openDatabase(url).client;
}

const database = processState("prisma", () => openDatabase(resolveDatabaseUrl(env().DATABASE_URL)));

export const db: PrismaClient = database.client;

/**
 * `SELECT 1` on `db`'s own connection, without Prisma: liveness polls it
 * many times a second, and through Prisma's query engine each poll cost
 * 73–94 µs against 11–13 µs on libSQL directly (20,000 pings in a row, SQLite).
 */
export const pingConnection = (): Promise<unknown> => database.ping();

/**
 * Runs one statement (INSERT, UPDATE, DELETE) on its own, outside any
 * transaction, on the adapter `db`'s queries use but without Prisma's
 * client: its query compiler costs more CPU than SQLite's own insert
 * (./connected-adapter.ts). Errors are the ones `db.$executeRaw` throws.
 */
export const executeSql = (query: Prisma.Sql): Promise<number> => database.execute(query);

/**
 * Per-database settings that are not part of the schema. WAL (kept in the
 * file) lets readers run beside the single writer (measured with 16
 * clients on 2 cores: 126 → ~200
 * inserts/s under load). A local database's files are the portal user's alone.
 */
export async function prepareDatabase(): Promise<void> {
  if (!resolveDatabaseUrl(env().DATABASE_URL).startsWith("file:")) return;
  protectDatabaseFiles(env().DATABASE_URL);
  await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  // The connection opened at start; later ones get these from the adapter.
  await applyConnectionPragmas((sql) => db.$queryRawUnsafe(sql));
}
