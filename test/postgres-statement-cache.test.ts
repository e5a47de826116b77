import { afterEach, describe, expect, it, vi } from "vitest";
import { isPostgresUrl } from "@/lib/database/database-url";
import {
  MAX_NAMED_TEXT,
  type StatementCachingClient,
  statementCacheSize,
  statementCachingPool,
} from "@/lib/server/database/postgres-statement-cache";
import type pg from "pg";

const url = process.env.DATABASE_URL!;

it("reads its size from the URL as Prisma's engine did", () => {
  const base = "postgresql://u:p@127.0.0.1:5432/db";
  expect(statementCacheSize(base)).toBe(100);
  expect(statementCacheSize(`${base}?statement_cache_size=7`)).toBe(7);
  expect(statementCacheSize(`${base}?statement_cache_size=0`)).toBe(0);
  expect(statementCacheSize(`${base}?pgbouncer=true&statement_cache_size=7`)).toBe(0);
  expect(statementCacheSize(`${base}?statement_cache_size=lots`)).toBe(100);
});

describe.skipIf(!isPostgresUrl(url))("named statements on PostgreSQL", () => {
  let pool: pg.Pool | undefined;
  let client: pg.PoolClient | undefined;
  afterEach(async () => {
    client?.release();
    await pool?.end();
    [pool, client] = [undefined, undefined];
  });

  /** One connection of a pool naming at most `size` statements, and what the server holds for it. */
  async function connection(size: number) {
    const separator = url.includes("?") ? "&" : "?";
    pool = statementCachingPool(`${url}${separator}statement_cache_size=${size}`);
    const connected = (client = await pool.connect());
    const prepared = async () =>
      (
        await connected.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements ORDER BY statement")
      ).rows.map((row) => row.statement);
    return { client: connected, prepared };
  }
  const select = (n: number) => `SELECT $1::int + ${n} AS sum`;

  it("parses a statement with parameters once per connection and gives the same answers", async () => {
    const { client, prepared } = await connection(10);
    for (let i = 0; i < 3; i++) {
      const { rows } = await client.query(select(1), [i]);
      expect(rows).toEqual([{ sum: i + 1 }]);
    }
    // No parameters (BEGIN, SET, scripts): sent as before, never named.
    await client.query("SELECT 1");
    expect(await prepared()).toEqual([select(1)]);
  });

  it("keeps at most its size, dropping the least recently used between transactions", async () => {
    const warnings = vi.spyOn(process, "emitWarning");
    const { client, prepared } = await connection(2);
    await client.query(select(1), [0]);
    await client.query(select(2), [0]);
    await client.query(select(1), [0]); // 2 is now the least recently used
    await client.query(select(3), [0]);
    expect(await prepared()).toEqual([select(1), select(3)]);
    expect((client as unknown as StatementCachingClient).namedTexts()).toEqual([select(1), select(3)]);
    // pg's own memory of the parsed names forgets the dropped one too.
    const parsed = (client as unknown as { connection: { parsedStatements: object } }).connection.parsedStatements;
    expect(Object.values(parsed).sort()).toEqual([select(1), select(3)]);

    // Inside a transaction a full cache drops nothing: a new text runs unnamed.
    await client.query("BEGIN");
    expect((await client.query(select(4), [1])).rows).toEqual([{ sum: 5 }]);
    await client.query("COMMIT");
    expect(await prepared()).toEqual([select(1), select(3)]);
    // One query at a time: the DEALLOCATE is not queued beside the query (pg deprecates that).
    expect(warnings).not.toHaveBeenCalled();
  });

  it("drops the least recently used for the pool's own queries too (pg's callback calls)", async () => {
    const { client: first } = await connection(2);
    first.release(); // the pool's one connection, now idle
    client = undefined;
    for (const n of [1, 2, 1, 3]) expect((await pool!.query(select(n), [1])).rows).toEqual([{ sum: n + 1 }]);
    const { rows } = await pool!.query<{ statement: string }>(
      "SELECT statement FROM pg_prepared_statements ORDER BY statement",
    );
    expect(pool!.totalCount).toBe(1);
    expect(rows.map((row) => row.statement)).toEqual([select(1), select(3)]);
  });

  it("goes on after a statement that fails to parse or to run, in and out of a transaction", async () => {
    const { client, prepared } = await connection(2);
    await expect(client.query("SELECT $1::int FROM no_such_table", [1])).rejects.toThrow(/no_such_table/);
    await expect(client.query("SELECT 1 / $1::int AS q", [0])).rejects.toThrow(/division by zero/);
    expect((await client.query("SELECT 1 / $1::int AS q", [1])).rows).toEqual([{ q: 1 }]);
    // The full cache now drops the text that never parsed: its DEALLOCATE fails harmlessly.
    await client.query("BEGIN");
    await client.query("SELECT 1 / $1::int AS q", [1]);
    await client.query("COMMIT");
    expect((await client.query(select(5), [1])).rows).toEqual([{ sum: 6 }]);
    expect(await prepared()).toEqual([select(5), "SELECT 1 / $1::int AS q"]);
  });

  it("runs a long text unnamed", async () => {
    const { client, prepared } = await connection(10);
    const long = `SELECT $1::int AS one /* ${"x".repeat(MAX_NAMED_TEXT)} */`;
    expect((await client.query(long, [1])).rows).toEqual([{ one: 1 }]);
    expect(await prepared()).toEqual([]);
  });

  it("names nothing with a size of 0", async () => {
    const { client, prepared } = await connection(0);
    await client.query(select(1), [0]);
    expect(await prepared()).toEqual([]);
  });
});
