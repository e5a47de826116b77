import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./test/support/chromium";
import { freePort } from "./test/support/free-port";
import { E2E_BUDGET } from "./e2e/fixtures/budget";

// End-to-end tests run against a production build on a free port with a
// throw-away database, in Debian's Chromium (Playwright cannot download one here).

// Workers re-read this file; the port and database chosen by the main process
// reach them through the environment.
process.env.E2E_PORT ??= String(await freePort());
process.env.E2E_DATABASE ??= `.tmp/e2e-${Date.now()}.db`;
process.env.E2E_MQTT_PORT ??= String(await freePort());
process.env.E2E_MQTT_TLS_PORT ??= String(await freePort());
process.env.E2E_DEVICE_API_TLS_PORT ??= String(await freePort());
// The hub's operator account lets tests publish to a device's topics as a backend would.
process.env.E2E_OPERATOR_PASSWORD ??= randomBytes(24).toString("base64url");
// A real SMTP server for the invitation mail (e2e/fixtures/mail-sink-server.ts).
process.env.E2E_SMTP_PORT ??= String(await freePort());
process.env.E2E_MAIL_DIR ??= `${process.env.E2E_DATABASE}.mail`;
// The portal's log goes to this file, not the terminal; a failed test gets its lines attached (e2e/fixtures/test.ts).
process.env.E2E_SERVER_LOG ??= `${process.env.E2E_DATABASE}.log`;
mkdirSync(path.dirname(process.env.E2E_SERVER_LOG), { recursive: true });
const port = Number(process.env.E2E_PORT);
const browser = { ...devices["Desktop Chrome"], channel: undefined };
const PROCESS_SPECS = ["**/process-lifecycle.spec.ts", "**/two-instances.spec.ts"];
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Budgets that hold on a machine half as fast as ours; TEST_SLOWDOWN scales them.
  timeout: E2E_BUDGET.test,
  expect: { timeout: E2E_BUDGET.expect },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // A failed test keeps its trace (actions, network, console) and a screenshot of
    // where it stopped. The trace's DOM snapshots and screencast would cost
    // every test, passed or not, about a third of its time on a 2-core machine.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: false },
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [
    // The specs that start portal processes of their own spend most of their
    // time waiting for those to start and stop. Queued first, they wait while
    // the other worker's browser tests use the CPU, not alone at the end.
    // `next dev` (E2E_DEV) makes no production build for them to start.
    ...(process.env.E2E_DEV ? [] : [{ name: "processes", testMatch: PROCESS_SPECS, use: browser }]),
    { name: "chromium", testIgnore: PROCESS_SPECS, use: browser },
  ],
  webServer: [
    {
      command: "npx tsx e2e/fixtures/mail-sink-server.ts",
      port: Number(process.env.E2E_SMTP_PORT),
      reuseExistingServer: false,
      env: { E2E_SMTP_PORT: process.env.E2E_SMTP_PORT, E2E_MAIL_DIR: process.env.E2E_MAIL_DIR },
    },
    {
      // E2E_DEV=1 runs the same specs against `npm run dev` (next dev behind the same server).
      // Its output goes to E2E_SERVER_LOG: hundreds of JSON lines would bury the test report.
      command: `(${process.env.E2E_DEV ? "npm run dev" : "node scripts/build-if-stale.mjs && npm start"}) >> "${process.env.E2E_SERVER_LOG}" 2>&1`,
      url: `${baseURL}/api/health`,
      timeout: E2E_BUDGET.serverStart,
      reuseExistingServer: false,
      env: {
        NODE_ENV: process.env.E2E_DEV ? "development" : "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: baseURL,
        DATABASE_URL: `file:${process.env.E2E_DATABASE}`,
        HUB_DATA_DIR: `${process.env.E2E_DATABASE}.hub`,
        FIRMWARE_DIR: `${process.env.E2E_DATABASE}.firmware`,
        DUMPS_DIR: `${process.env.E2E_DATABASE}.dumps`,
        MQTT_HOST: "127.0.0.1",
        MQTT_PORT: process.env.E2E_MQTT_PORT,
        MQTT_TLS_PORT: process.env.E2E_MQTT_TLS_PORT,
        DEVICE_API_TLS_PORT: process.env.E2E_DEVICE_API_TLS_PORT,
        HUB_OPERATOR_PASSWORD: process.env.E2E_OPERATOR_PASSWORD,
        BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
        KEY_HASH_SECRET: randomBytes(32).toString("base64url"),
        // Every test signs up from 127.0.0.1; the per-account limit stays at its default.
        AUTH_ATTEMPTS_PER_ADDRESS: "10000",
        SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
        // e2e/webhooks.spec.ts's receiver listens on loopback.
        WEBHOOK_ALLOW_PRIVATE_URLS: "true",
      },
    },
  ],
});
