import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma } from "@/lib/generated/prisma/client";

// The hot paths' statements (a registration's INSERT, telemetry's writes)
// run on the driver adapter that Prisma's own queries use, without Prisma's
// client: every Prisma call, raw SQL included, is compiled by its query
// compiler (WebAssembly) before it runs, which cost more CPU than SQLite's
// own insert (docs/performance.md). The adapter keeps what matters: its lock
// (on SQLite a statement waits while Prisma holds a transaction open on the
// same connection), its argument mapping (dates stored as Prisma stores them)
// and its errors, turned here into the error Prisma would have thrown.

type ArgType = { scalarType: "datetime" | "boolean" | "int" | "float" | "string" | "unknown"; arity: "scalar" };

/** What the adapter runs: SQL with the dialect's placeholders, and each argument's type. */
type DriverStatement = { sql: string; args: unknown[]; argTypes: ArgType[] };

type ResultSet = { columnNames: string[]; rows: unknown[][] };

type Queryable = {
  executeRaw(statement: DriverStatement): Promise<number>;
  queryRaw(statement: DriverStatement): Promise<ResultSet>;
};

type AdapterTransaction = Queryable & {
  readonly options: { usePhantomQuery: boolean };
  commit(): Promise<void>;
  rollback(): Promise<void>;
};

/** The part of a connected driver adapter used here. */
export type ConnectedAdapter = Queryable & { startTransaction(): Promise<AdapterTransaction> };

export type Dialect = "sqlite" | "postgres";

/** Statements run on one adapter or one of its transactions. */
export type SqlRunner = {
  /** The rows the statement changed. */
  execute(query: Prisma.Sql): Promise<number>;
  /** The rows as objects, values as the driver gives them (SQLite's booleans as 0 and 1, dates as text). */
  query<T>(query: Prisma.Sql): Promise<T[]>;
};

/** PostgreSQL's adapter factory, keeping the adapter Prisma connects through. */
export class RememberingPg extends PrismaPg {
  connected: ConnectedAdapter | null = null;

  override async connect() {
    const adapter = await super.connect();
    this.connected = adapter;
    return adapter;
  }
}

// The adapters look only at dates (and strings typed as dates, bytes or big numbers).
function argType(value: unknown): ArgType {
  if (value instanceof Date) return { scalarType: "datetime", arity: "scalar" };
  if (typeof value === "boolean") return { scalarType: "boolean", arity: "scalar" };
  if (typeof value === "number") return { scalarType: Number.isInteger(value) ? "int" : "float", arity: "scalar" };
  return { scalarType: typeof value === "string" ? "string" : "unknown", arity: "scalar" };
}

// Prisma's codes for the adapter's errors that lib/server/errors.ts tells apart
// (a busy database, a write conflict, a lost connection, a duplicate).
const CODES: Record<string, string> = {
  SocketTimeout: "P1008",
  DatabaseNotReachable: "P1001",
  ConnectionClosed: "P1017",
  TransactionAlreadyClosed: "P1018",
  UniqueConstraintViolation: "P2002",
  TransactionWriteConflict: "P2034",
  TooManyConnections: "P2037",
};

type Cause = { kind?: string; originalCode?: string; originalMessage?: string };

/**
 * The error Prisma would have thrown: a statement's failure is P2010 with the
 * adapter's error, as for `$executeRaw`; a transaction's start or end gets
 * the code Prisma gives that kind of failure (P1008 for a busy SQLite).
 */
function asPrismaError(error: unknown, of: "statement" | "transaction"): unknown {
  if (!(error instanceof Error) || error.name !== "DriverAdapterError") return error;
  const cause = (error as Error & { cause?: Cause }).cause;
  const code = of === "statement" ? "P2010" : (CODES[cause?.kind ?? ""] ?? "P2010");
  return new Prisma.PrismaClientKnownRequestError(
    `Raw query failed. Code: \`${cause?.originalCode ?? "N/A"}\`. Message: \`${cause?.originalMessage ?? error.message}\``,
    { code, clientVersion: Prisma.prismaVersion.client, meta: { driverAdapterError: error } },
  );
}

const statement = (dialect: Dialect, query: Prisma.Sql): DriverStatement => ({
  sql: dialect === "postgres" ? query.text : query.sql,
  args: query.values,
  argTypes: query.values.map(argType),
});

/** `?` placeholders on SQLite and `$1` on PostgreSQL. */
export function runnerOn(queryable: Queryable, dialect: Dialect): SqlRunner {
  return {
    execute: async (query) => {
      try {
        return await queryable.executeRaw(statement(dialect, query));
      } catch (error) {
        throw asPrismaError(error, "statement");
      }
    },
    query: async <T>(query: Prisma.Sql) => {
      let result: ResultSet;
      try {
        result = await queryable.queryRaw(statement(dialect, query));
      } catch (error) {
        throw asPrismaError(error, "statement");
      }
      const { columnNames, rows } = result;
      return rows.map((row) => Object.fromEntries(columnNames.map((name, i) => [name, row[i]])) as T);
    },
  };
}

const NO_ARGS = { args: [], argTypes: [] };

/**
 * Runs `work` in one transaction on the adapter, as Prisma's `$transaction`
 * does: committed when it returns, rolled back when it throws. On SQLite the
 * adapter's lock is held from start to end; PostgreSQL's adapter sends BEGIN
 * itself and leaves COMMIT and ROLLBACK to its caller.
 */
export async function transactionOn<T>(
  adapter: ConnectedAdapter,
  dialect: Dialect,
  work: (sql: SqlRunner) => Promise<T>,
): Promise<T> {
  const transaction = await adapter.startTransaction().catch((error: unknown) => {
    throw asPrismaError(error, "transaction");
  });
  const finish = async (end: "COMMIT" | "ROLLBACK") => {
    if (!transaction.options.usePhantomQuery) await transaction.executeRaw({ sql: end, ...NO_ARGS });
    await (end === "COMMIT" ? transaction.commit() : transaction.rollback());
  };
  let result: T;
  try {
    result = await work(runnerOn(transaction, dialect));
  } catch (error) {
    await finish("ROLLBACK").catch(() => undefined);
    throw error;
  }
  try {
    await finish("COMMIT");
  } catch (error) {
    // Never leave the connection inside a transaction that failed to commit.
    await finish("ROLLBACK").catch(() => undefined);
    throw asPrismaError(error, "transaction");
  }
  return result;
}
