import { execFileSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { migrateDeploy } from "../../lib/database/migrate-deploy";

const brokersStartedByTests = (): string => {
  try {
    return execFileSync("pgrep", ["-af", `${path.resolve(".tmp")}/hub-`], { encoding: "utf8" }).trim();
  } catch {
    return ""; // pgrep exits 1 when nothing matches
  }
};

/**
 * Applies the committed migrations to the test database, as `npm start` does;
 * afterwards, fails the run if any broker started by a test is still running.
 */
export default async function globalSetup(): Promise<() => void> {
  const url = process.env.VITEST_DATABASE_URL!;
  await migrateDeploy({ ...process.env, DATABASE_URL: url });
  return () => {
    const file = url.slice("file:".length);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    const leftovers = brokersStartedByTests();
    for (const dir of readdirSync(".tmp"))
      if (dir.startsWith("hub-")) rmSync(path.join(".tmp", dir), { recursive: true, force: true });
    if (leftovers) throw new Error(`Brokers still running after the tests:\n${leftovers}`);
  };
}
