import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests share one throw-away SQLite database, migrated once by the
// global setup; each test makes its own partners, so they never collide.
const databaseFile = `.tmp/vitest-${process.pid}-${Date.now()}.db`;
process.env.VITEST_DATABASE_URL ??= `file:${databaseFile}`;

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next.js, "server-only" would throw on import; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "test/support/empty-module.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/prepare-database.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      DATABASE_URL: process.env.VITEST_DATABASE_URL,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      KEY_HASH_SECRET: randomBytes(32).toString("base64url"),
      // Low enough that the rate-limit tests reach them quickly.
      REGISTRATION_RATE_PER_IP: "300",
      REGISTRATION_RATE_PER_KEY: "200",
      // The EMQX auth endpoints' shared secret (test/hub-auth.test.ts).
      HUB_AUTH_SECRET: randomBytes(32).toString("base64url"),
    },
  },
});
