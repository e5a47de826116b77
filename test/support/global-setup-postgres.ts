import { migrateDeploy } from "../../lib/database/migrate-deploy";
import { onPostgresServer } from "./postgres-server";

/**
 * Creates the run's PostgreSQL database and applies the committed PostgreSQL
 * migrations, as `npm start` does; drops it afterwards.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const url = process.env.VITEST_POSTGRES_URL!;
  const database = new URL(url).pathname.slice(1);
  await onPostgresServer(`CREATE DATABASE "${database}"`);
  await migrateDeploy({ ...process.env, DATABASE_URL: url });
  return () => onPostgresServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
