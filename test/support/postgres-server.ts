import pg from "pg";

// The PostgreSQL server that tests, the end-to-end specs and benchmarks make
// their throw-away databases on: TEST_POSTGRES_URL, which scripts/with-test-postgres.ts
// sets to a throw-away cluster of its own unless it is set already.
const DEFAULT_SERVER = "postgresql://partner_hub:partner_hub@127.0.0.1:5432/postgres";

/** The URL of database `name` on the server at TEST_POSTGRES_URL. */
export function postgresDatabaseUrl(name: string): string {
  return Object.assign(new URL(process.env.TEST_POSTGRES_URL ?? DEFAULT_SERVER), { pathname: `/${name}` }).toString();
}

/** Runs one statement (CREATE/DROP DATABASE) on the server's maintenance database. */
export async function onPostgresServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresDatabaseUrl("postgres") });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed at ${new URL(postgresDatabaseUrl("postgres")).host} (run through scripts/with-test-postgres.ts, as npm test does, or set TEST_POSTGRES_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
  await client.query(sql).finally(() => client.end());
}
