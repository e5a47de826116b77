import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

/** Applies the committed migrations to the test database, as `npm start` does. */
export default function migrateDatabase(): () => void {
  const url = process.env.VITEST_DATABASE_URL!;
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return () => {
    const file = url.slice("file:".length);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  };
}
