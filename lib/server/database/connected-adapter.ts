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

/** The part of a connected driver adapter used here. */
export type ConnectedAdapter = { executeRaw(statement: DriverStatement): Promise<number> };

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

/** Prisma's error for a raw statement's failure (P2010 with the adapter's error), which lib/server/errors.ts reads. */
function asPrismaError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== "DriverAdapterError") return error;
  const cause = (error as Error & { cause?: { originalCode?: string; originalMessage?: string } }).cause;
  return new Prisma.PrismaClientKnownRequestError(
    `Raw query failed. Code: \`${cause?.originalCode ?? "N/A"}\`. Message: \`${cause?.originalMessage ?? error.message}\``,
    { code: "P2010", clientVersion: Prisma.prismaVersion.client, meta: { driverAdapterError: error } },
  );
}

/** Runs `query` on `adapter`, `?` placeholders on SQLite and `$1` on PostgreSQL: the rows it changed. */
export async function executeOnAdapter(
  adapter: ConnectedAdapter,
  dialect: "sqlite" | "postgres",
  query: Prisma.Sql,
): Promise<number> {
  const args = query.values;
  try {
    return await adapter.executeRaw({
      sql: dialect === "postgres" ? query.text : query.sql,
      args,
      argTypes: args.map(argType),
    });
  } catch (error) {
    throw asPrismaError(error);
  }
}
