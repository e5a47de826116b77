import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { postgresDatabaseUrl } from "./test/support/postgres-server.ts";
import { scaled } from "./test/support/slowdown.ts";

// Integration tests run twice: on SQLite (the embedded default: a throw-away
// file) and on PostgreSQL (a throw-away database on the server at
// TEST_POSTGRES_URL, which .ci/run starts). Each is migrated once by its
// global setup; each test makes its own partners, so they never collide.
const run = `${process.pid}_${Date.now()}`;
process.env.VITEST_DATABASE_URL ??= `file:.tmp/vitest-${run}.db`;
process.env.VITEST_POSTGRES_URL ??= postgresDatabaseUrl(`partner_hub_test_${run}`);
// The crash test kills a portal that runs its start-up work (statistics,
// presence reset, housekeeping) on its database: a database of its own, made
// and migrated by the test, keeps that away from the other files' tests.
const CRASH_TEST = "test/crash-safety.test.ts";

const env = {
  NODE_ENV: "test" as const,
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  KEY_HASH_SECRET: randomBytes(32).toString("base64url"),
  // Low enough that the rate-limit tests reach them quickly.
  REGISTRATION_RATE_PER_IP: "300",
  REGISTRATION_RATE_PER_KEY: "200",
  // The tests' webhook receivers listen on loopback; test/webhooks.test.ts
  // turns this off to prove the refusal.
  WEBHOOK_ALLOW_PRIVATE_URLS: "true",
  // Never the developer's own data/firmware (housekeeping sweeps files its
  // database does not name); small enough a limit that test/firmware.test.ts reaches it.
  FIRMWARE_DIR: `.tmp/vitest-${run}.firmware`,
  FIRMWARE_MAX_MB: "2",
  // Dumps likewise (test/dumps.test.ts reaches both limits).
  DUMPS_DIR: `.tmp/vitest-${run}.dumps`,
  DUMP_MAX_MB: "1",
  DUMP_DEVICE_MAX_MB: "2",
  // The EMQX auth endpoints' shared secret (test/hub-auth.test.ts).
  HUB_AUTH_SECRET: randomBytes(32).toString("base64url"),
};
const shared = {
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next.js, "server-only" would throw on import; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "test/support/empty-module.ts"),
    },
  },
};
// Budgets that hold on a machine half as fast as ours; TEST_SLOWDOWN scales them.
const test = {
  setupFiles: ["test/support/prepare-database.ts"],
  testTimeout: scaled(30_000),
  hookTimeout: scaled(60_000),
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          ...test,
          name: "sqlite",
          include: ["lib/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [CRASH_TEST],
          globalSetup: ["test/support/global-setup.ts"],
          env: { ...env, DATABASE_URL: process.env.VITEST_DATABASE_URL },
        },
      },
      {
        ...shared,
        test: {
          ...test,
          name: "postgres",
          // The data layer and the APIs; unit tests and SQLite's own locking need no second run.
          include: ["test/**/*.test.ts"],
          exclude: ["test/sqlite-connections.test.ts", "test/audit-buffer.test.ts", CRASH_TEST],
          globalSetup: ["test/support/global-setup-postgres.ts"],
          env: {
            ...env,
            DATABASE_URL: process.env.VITEST_POSTGRES_URL,
            FIRMWARE_DIR: `.tmp/vitest-${run}-pg.firmware`,
            DUMPS_DIR: `.tmp/vitest-${run}-pg.dumps`,
          },
        },
      },
      ...[
        ["crash-sqlite", `file:.tmp/vitest-crash-${run}.db`],
        ["crash-postgres", postgresDatabaseUrl(`partner_hub_crash_${run}`)],
      ].map(([name, url]) => ({
        ...shared,
        test: { ...test, name, include: [CRASH_TEST], env: { ...env, DATABASE_URL: url } },
      })),
    ],
  },
});
