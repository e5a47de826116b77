import { execFileSync } from "node:child_process";
import { onPostgresServer } from "./postgres-server";

/**
 * Creates the run's PostgreSQL database and applies the committed PostgreSQL
 * migrations, as `npm start` does; drops it afterwards.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const url = process.env.VITEST_POSTGRES_URL!;
  const database = new URL(url).pathname.slice(1);
  await onPostgresServer(`CREATE DATABASE "${database}"`);
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return () => onPostgresServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
