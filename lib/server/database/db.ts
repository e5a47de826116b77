import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { isPostgresUrl, protectDatabaseFiles, resolveDatabaseUrl } from "@/lib/database/database-url";
import { env } from "@/lib/env";
import { processState } from "@/lib/runtime/process-state";
import {
  RememberingPg,
  runnerOn,
  transactionOn,
  type ConnectedAdapter,
  type Dialect,
  type SqlRunner,
} from "./connected-adapter";
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
  /** The driver adapter the client's queries go through, once connected (./connected-adapter.ts). */
  connected: () => { adapter: ConnectedAdapter; dialect: Dialect } | null;
};

/** A Prisma client on `url`, and its connection for what skips Prisma (tests open their own to close it). */
export function openDatabase(url: string): Database {
  if (isPostgresUrl(url)) {
    // Generated from the same schema (scripts/postgres-schema.mjs), so its
    // models and queries are the SQLite client's; only the types are separate.
    const pool = statementCachingPool(url);
    const adapter = new RememberingPg(pool, { disposeExternalPool: true });
    return {
      client: new PostgresPrismaClient({ adapter }) as unknown as PrismaClient,
      ping: () => pool.query("SELECT 1"),
      connected: () => (adapter.connected ? { adapter: adapter.connected, dialect: "postgres" } : null),
    };
  }
  if (!url.startsWith("file:")) {
    const client = new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
    return { client, ping: () => client.$queryRawUnsafe("SELECT 1"), connected: () => null };
  }
  cachePreparedStatements();
  const adapter = new LocalSqliteAdapter({ url });
  const client = new PrismaClient({ adapter });
  // Until Prisma's first query has connected, each goes through Prisma (which connects).
  return {
    client,
    ping: () => adapter.connection?.execute("SELECT 1") ?? client.$queryRawUnsafe("SELECT 1"),
    connected: () => (adapter.connected ? { adapter: adapter.connected, dialect: "sqlite" } : null),
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

// The hot paths' SQL runs on the adapter `db`'s queries use but without
// Prisma's client, whose query compiler costs more CPU than SQLite's own
// work (./connected-adapter.ts). Errors are the ones Prisma would throw.
// Before Prisma has connected, they go through Prisma.

export type { SqlRunner };

/** Statements on `tx`, a Prisma transaction, for the same work run through Prisma. */
const prismaRunner = (tx: Prisma.TransactionClient): SqlRunner => ({
  execute: (query) => tx.$executeRaw(query),
  query: <T>(query: Prisma.Sql) => tx.$queryRaw<T[]>(query),
});

function runner(): SqlRunner {
  const connected = database.connected();
  return connected ? runnerOn(connected.adapter, connected.dialect) : prismaRunner(db);
}

/** The adapter these run on, once Prisma has connected (a test fails one of its statements on purpose). */
export const connectedAdapter = (): ConnectedAdapter | null => database.connected()?.adapter ?? null;

/** One statement (INSERT, UPDATE, DELETE) on its own, outside any transaction: the rows it changed. */
export const executeSql = (query: Prisma.Sql): Promise<number> => runner().execute(query);

/** One query on its own: rows as objects, values as the driver gives them (SQLite's booleans as 0 and 1, dates as text). */
export const querySql = <T>(query: Prisma.Sql): Promise<T[]> => runner().query<T>(query);

/** `work`'s statements in one transaction, committed when it returns and rolled back when it throws. */
export function sqlTransaction<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const connected = database.connected();
  if (!connected) return db.$transaction((tx) => work(prismaRunner(tx)));
  return transactionOn(connected.adapter, connected.dialect, work);
}

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
