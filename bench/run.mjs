// npm run bench: runs every benchmark against a throw-away database and real
// brokers on 127.0.0.1 only. Figures go to stdout; nothing here is a test.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";

mkdirSync(".tmp", { recursive: true });
const database = `.tmp/bench-${Date.now()}.db`;
const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `file:${database}`,
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  KEY_HASH_SECRET: randomBytes(32).toString("base64url"),
};
// The registration benchmark runs the production portal.
if (!existsSync(".next/BUILD_ID")) execFileSync("npm", ["run", "build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
try {
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: "ignore" });
  for (const bench of process.argv.slice(2).length ? process.argv.slice(2) : ["bench/hub-admissions.bench.ts", "bench/hub-connect.bench.ts", "bench/hub-start.bench.ts", "bench/registration.bench.ts", "bench/live-check.bench.ts", "bench/devices-page.bench.ts", "bench/hub-auth.bench.ts"]) {
    execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", bench], { env, stdio: "inherit" });
  }
} finally {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
}
