import "server-only";
import pg from "pg";

// Prisma's PostgreSQL driver adapter sends every statement unnamed, so
// PostgreSQL parses, analyzes and plans each one again on every call.
// Prisma's own engine before driver adapters kept a cache of 100 named
// statements per connection; this gives the adapter's connections the same.
// A named statement is parsed once per connection, and after five runs
// PostgreSQL may keep a generic plan (plan_cache_mode auto) when it costs no
// more than planning each call anew. Measured on the telemetry lookup
// (bench/telemetry-answer.bench.ts).
//
// Only statements with parameters are named: BEGIN, COMMIT, SET and the
// migrations' scripts run as before. A connection names at most
// STATEMENTS_PER_CONNECTION texts; past that it drops its least recently used
// one with a DEALLOCATE that finishes before the new query starts, and only
// between transactions, where a failed DEALLOCATE (its Parse had failed)
// harms nothing. Inside a transaction a new text then runs unnamed, as before.
//
// The size is read from DATABASE_URL as Prisma's engine read it:
// `statement_cache_size=N` (0 turns naming off), and `pgbouncer=true` turns
// it off for a pooler in transaction mode (PgBouncer before 1.21), which
// cannot keep a connection's named statements.

/** Named statements kept per connection by default, as Prisma's engine kept. */
export const STATEMENTS_PER_CONNECTION = 100;

/**
 * Longer texts run unnamed: they are multi-row writes (telemetry batches, a
 * createMany) whose row count, and so whose text, changes from call to call,
 * and whose parse is small beside their run; named, each would push a
 * reused statement out and keep a large parse tree on the server.
 */
export const MAX_NAMED_TEXT = 8_192;

type QueryConfig = { text: string; values?: unknown[]; name?: string };
/** The one pg internal this uses: the names its connection has parsed (pg/lib/connection.js). */
type PgInternals = { connection: { parsedStatements: Record<string, string> } };

/** The text of a query with parameters given as pg takes it (`{text, values}` or text and values), else undefined. */
function nameableText(config: unknown, values: unknown): string | undefined {
  const text = queryText(config, values);
  return text !== undefined && text.length <= MAX_NAMED_TEXT ? text : undefined;
}

function queryText(config: unknown, values: unknown): string | undefined {
  if (typeof config === "string") return Array.isArray(values) && values.length > 0 ? config : undefined;
  if (typeof config !== "object" || config === null) return undefined;
  const query = config as Partial<QueryConfig> & { submit?: unknown };
  const given = query.values ?? values;
  if (typeof query.text !== "string" || query.name !== undefined || query.submit !== undefined) return undefined;
  return Array.isArray(given) && given.length > 0 ? query.text : undefined;
}

const hasCallback = (config: unknown) =>
  typeof config === "object" && config !== null && typeof (config as { callback?: unknown }).callback === "function";

/** A pg client that names the statements it runs again (see above). */
export class StatementCachingClient extends pg.Client {
  /** How many texts a connection names; set per pool by statementCachingPool. */
  protected get capacity(): number {
    return STATEMENTS_PER_CONNECTION;
  }
  /** Text → name, least recently used first. */
  readonly #names = new Map<string, string>();
  #next = 0;

  // pg's overloads (callbacks, streams, submittables) pass through unchanged
  // but for the name.
  override query(...args: unknown[]): never {
    const run = (super.query as (...a: unknown[]) => never).bind(this);
    const [config, values] = args;
    const text = nameableText(config, values);
    if (text === undefined) return run(...args);
    const named = (name: string) => {
      args[0] = typeof config === "string" ? { text, name } : { ...(config as QueryConfig), name };
      return run(...args);
    };
    const known = this.#names.get(text);
    if (known) {
      // Most recently used last: a Map keeps insertion order.
      this.#names.delete(text);
      this.#names.set(text, known);
      return named(known);
    }
    if (this.#names.size < this.capacity) return named(this.#newName(text));
    // Full: drop the least recently used, but only between transactions, and
    // before the query starts (pg runs one query at a time; Prisma's pool
    // queries pass a callback, its transactions await a promise).
    if (hasCallback(config) || this.getTransactionStatus() !== "I") return run(...args);
    const [oldText, oldName] = this.#names.entries().next().value as [string, string];
    this.#names.delete(oldText);
    // pg remembers each name it parsed, with its text, for the connection's
    // life: forgotten here, or every dropped statement would stay in memory.
    delete (this as unknown as PgInternals).connection.parsedStatements[oldName];
    const name = this.#newName(text);
    const deallocate = `DEALLOCATE ${oldName}`;
    if (typeof args.at(-1) === "function") {
      run(deallocate, () => named(name));
      return undefined as never;
    }
    return (async () => {
      await (run(deallocate) as Promise<unknown>).catch(() => undefined);
      return named(name);
    })() as never;
  }

  #newName(text: string): string {
    const name = `ph_${(this.#next++).toString(36)}`;
    this.#names.set(text, name);
    return name;
  }

  /** The texts this connection has named, least recently used first (for tests). */
  namedTexts(): string[] {
    return [...this.#names.keys()];
  }
}

/** Statements a connection names, from the URL's `statement_cache_size` and `pgbouncer` (see above). */
export function statementCacheSize(connectionString: string): number {
  const params = new URL(connectionString).searchParams;
  if (params.get("pgbouncer") === "true") return 0;
  const size = Number(params.get("statement_cache_size") ?? STATEMENTS_PER_CONNECTION);
  return Number.isInteger(size) && size >= 0 ? size : STATEMENTS_PER_CONNECTION;
}

/** A pg pool for Prisma's adapter whose connections name their statements (see above). */
export function statementCachingPool(connectionString: string): pg.Pool {
  const size = statementCacheSize(connectionString);
  if (size === 0) return new pg.Pool({ connectionString });
  class SizedClient extends StatementCachingClient {
    protected override get capacity(): number {
      return size;
    }
  }
  return new pg.Pool({ connectionString, Client: SizedClient });
}
