import { execFileSync } from "node:child_process";
import pg from "pg";

/**
 * Creates the run's PostgreSQL database on the server at TEST_POSTGRES_URL
 * and applies the committed PostgreSQL migrations, as `npm start` does;
 * drops it afterwards.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const url = new URL(process.env.VITEST_POSTGRES_URL!);
  const database = url.pathname.slice(1);
  const server = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  try {
    await server.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${url.host} (set TEST_POSTGRES_URL; .ci/run starts Debian's postgresql): ${(error as Error).message}`,
      { cause: error },
    );
  }
  await server.query(`CREATE DATABASE "${database}"`);
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: "pipe" });
  return async () => {
    await server.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await server.end();
  };
}
