import { createHash, randomBytes } from "node:crypto";
import { E2E_BUDGET } from "./fixtures/budget";
import { expect, test } from "./fixtures/test";
import { startPortalProcess, type PortalProcess } from "../test/support/portal-process";
import { onPostgresServer, postgresDatabaseUrl } from "../test/support/postgres-server";
import { seedHardwareKey, seedModel, signUp } from "./fixtures/partners";

// Two portal processes (production build, HUB_MODE=emqx, so no broker of
// their own) on one database, SQLite then PostgreSQL: what one counts or
// hears, the other sees. The build is the one the webServer made (playwright.config.ts
// leaves this spec out under E2E_DEV).
test.describe.configure({ mode: "serial" });

const run = Date.now();
const postgresDatabase = `partner_hub_e2e_two_${run}`;
const DATABASES = { SQLite: `file:.tmp/e2e-two-${run}.db`, PostgreSQL: postgresDatabaseUrl(postgresDatabase) };

const hubSecret = randomBytes(32).toString("base64url");
const shared: Record<string, string> = {
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  KEY_HASH_SECRET: randomBytes(32).toString("base64url"),
  HUB_MODE: "emqx",
  HUB_AUTH_SECRET: hubSecret,
  MQTT_EXTERNAL_URL: "mqtt://127.0.0.1:1",
  RATE_LIMIT_STORE: "database",
  REGISTRATION_RATE_PER_IP: "4",
  // One firmware store for both, as docs/deploy.md asks of several processes.
  FIRMWARE_DIR: `.tmp/e2e-two-${run}.firmware`,
  DUMPS_DIR: `.tmp/e2e-two-${run}.dumps`,
};
const portals: PortalProcess[] = [];

async function startPortal(databaseUrl: string): Promise<string> {
  const portal = await startPortalProcess({ ...shared, DATABASE_URL: databaseUrl });
  portals.push(portal);
  return portal.url;
}

for (const [engine, databaseUrl] of Object.entries(DATABASES)) {
  test.describe(engine, () => {
    let first: string;
    let second: string;
    test.beforeAll(async () => {
      // Two production starts, each applying the migrations (~12 s on PostgreSQL on a busy 2-core machine).
      test.setTimeout(E2E_BUDGET.long);
      if (engine === "PostgreSQL") await onPostgresServer(`CREATE DATABASE "${postgresDatabase}"`);
      // One after the other: each applies the migrations at start.
      first = await startPortal(databaseUrl);
      second = await startPortal(databaseUrl);
    });
    // A failure's cause is usually in a portal's log, not in the page.
    test.afterEach(async () => {
      const testInfo = test.info();
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const [i, portal] of portals.entries())
        await testInfo.attach(`portal-${i + 1}.log`, { body: portal.output(), contentType: "text/plain" });
    });
    test.afterAll(async () => {
      const running = portals.splice(0);
      for (const portal of running) portal.child.kill("SIGTERM");
      await Promise.all(running.map((portal) => portal.exited));
      if (engine === "PostgreSQL") await onPostgresServer(`DROP DATABASE IF EXISTS "${postgresDatabase}" WITH (FORCE)`);
    });

    test(`[SCALE]: two portal processes on one ${engine} database share the registration rate limit, a device's presence and firmware files`, async ({
      browser,
    }) => {
      const page = await (await browser.newContext({ baseURL: first })).newPage();
      await signUp(page, undefined, { land: false });
      const modelId = await seedModel(page, { name: "Shared S1", protocol: "MQTT" });
      const hardwareKey = await seedHardwareKey(page, modelId);

      // The limit is 4 a minute from one address, counted across both processes.
      const register = (portal: string, sn: string) =>
        page.request.post(`${portal}/v1/devices`, {
          data: { sn, firmware_version: "1.0.0", hardware_key: hardwareKey },
        });
      const statuses: number[] = [];
      let deviceId = "";
      let accessKey = "";
      for (const [i, portal] of [first, second, first, second, second, first].entries()) {
        const response = await register(portal, `S1-${i}`);
        statuses.push(response.status());
        if (i === 0)
          ({ id: deviceId, access_key: accessKey } = (await response.json()) as { id: string; access_key: string });
      }
      expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);

      // EMQX's webhook reaches the first process; the second one's list shows the device online.
      const event = await page.request.post(`${first}/api/hub/events`, {
        headers: { authorization: `Bearer ${hubSecret}` },
        data: { event: "client.connected", clientid: deviceId },
      });
      expect(await event.json()).toEqual({ recorded: true });
      await page.goto(`${second}/devices`);
      await expect(page.locator(`tr[data-device-id="${deviceId}"]`)).toHaveAttribute("data-status", "online");
      const other = await page.request.post(`${second}/api/hub/events`, {
        headers: { authorization: `Bearer ${hubSecret}` },
        data: { event: "client.disconnected", clientid: deviceId },
      });
      expect(other.status()).toBe(200);
      await page.goto(`${first}/devices`);
      await expect(page.locator(`tr[data-device-id="${deviceId}"]`)).toHaveAttribute("data-status", "offline");

      // Firmware uploaded through the first process downloads through the second.
      const image = randomBytes(300_000);
      const uploaded = await page.request.post(`${first}/api/models/${modelId}/firmware?name=Shared&version=1.1.0`, {
        headers: { "content-type": "application/octet-stream" },
        data: image,
      });
      expect(uploaded.status()).toBe(201);
      const { id: fileId } = (await uploaded.json()) as { id: string };
      const downloaded = await page.request.get(`${second}/v1/devices/${deviceId}/files/${fileId}/download`, {
        headers: { authorization: accessKey },
      });
      expect(downloaded.status()).toBe(200);
      const digest = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
      expect(digest(await downloaded.body())).toBe(digest(image));
    });
  });
}
