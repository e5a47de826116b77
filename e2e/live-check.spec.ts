import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import mqtt from "mqtt";
import { openDevice, seedDevice, seedHardwareKey, seedModel, signUp } from "./fixtures/partners";

/** Registers on the portal's screen, which hands the access key to the device page's check. */
async function registerOnScreen(page: Page, modelId: string, sn: string) {
  await seedHardwareKey(page, modelId, "Line L");
  await page.goto(`/models/${modelId}/devices/new`);
  await page.getByLabel("Serial number").fill(sn);
  await page.getByLabel("Firmware version").fill("1.0.0");
  await page.getByRole("button", { name: "Register device" }).click();
  return (await page.getByTestId("credential-access_key").textContent()) ?? "";
}

test("[LIVE CHECK]: from registration to verified live, then a wrong key explained", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  const accessKey = await registerOnScreen(page, await seedModel(page, { name: "Live L1", protocol: "MQTT" }), "L1-1");
  await page.getByRole("link", { name: "Open the live connection check" }).click();

  await expect(page.getByLabel("Access key", { exact: true })).toHaveValue(accessKey);
  expect(page.url()).not.toContain("#key=");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByText(/^Credentials verified live in \d+ ms$/)).toBeVisible();
  const steps = page.getByRole("list", { name: "Connection steps" }).locator("li");
  await expect(steps).toHaveCount(6);
  for (const step of await steps.all()) await expect(step).toHaveAttribute("data-status", "ok");
  await expect(page.locator('[data-step="connect"]')).toContainText("reason 0");
  await expect(page.locator('[data-step="subscribe"]')).toContainText("Granted QoS 1");

  // The snippets below now carry the key that is in the panel.
  await expect(page.getByRole("tabpanel")).toContainText(accessKey);
  const deviceId = (await page.getByTestId("device-id").textContent()) ?? "";

  // Real inbound traffic from a test-side MQTT client (the hub's operator account), with user properties...
  const operator = await mqtt.connectAsync(`mqtt://127.0.0.1:${process.env.E2E_MQTT_PORT}`, {
    protocolVersion: 5,
    username: "partner-hub-operator",
    password: process.env.E2E_OPERATOR_PASSWORD,
    clientId: `e2e-operator-${Date.now()}`,
  });
  await operator.publishAsync(`v1/device/${deviceId}/command`, JSON.stringify({ command: "reboot", delay: 5 }), {
    qos: 1,
    properties: { userProperties: { "trace-id": "e2e-42" } },
  });
  await operator.endAsync();
  const log = page.getByRole("list", { name: "Message log" });
  const inbound = log.locator('li[data-direction="in"]').filter({ hasText: "/command" });
  await expect(inbound).toContainText('"command": "reboot"');
  await expect(inbound).toContainText("trace-id:e2e-42");
  await expect(inbound).toContainText("QoS 1");
  // ...and from the portal itself, through the hub.
  await page.getByRole("button", { name: "Send a test command from the portal" }).click();
  await expect(log).toContainText('"name": "ping"');

  // A publish under the prefix, with user properties, is logged as sent and comes back.
  const publish = page.getByRole("form", { name: "Publish as the device" });
  await publish.getByLabel("Topic").fill("state");
  await publish.getByLabel("Payload").fill('{"on":true}');
  await publish.getByLabel(/User properties/).fill("source: e2e");
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(publish.getByRole("status")).toContainText("PUBACK 0 Success");
  await expect(
    log.locator('li[data-direction="out"]').filter({ hasText: `v1/device/${deviceId}/state` }),
  ).toContainText("source:e2e");
  await expect(log.locator('li[data-direction="in"]').filter({ hasText: `v1/device/${deviceId}/state` })).toContainText(
    '"on": true',
  );

  // Filter and clear.
  await page.getByLabel("Filter messages").fill("reboot");
  await expect(log.locator("li")).toHaveCount(1);
  await page.getByLabel("Filter messages").fill("");
  await page.getByLabel("Direction").selectOption("out");
  await expect(log.locator("li")).toHaveCount(1);
  await page.getByLabel("Direction").selectOption("all");
  await page.getByRole("button", { name: "Clear log" }).click();
  await expect(page.getByText("Nothing sent or received since the check.")).toBeVisible();

  // An extra subscription under the prefix shows its SUBACK.
  const subscribe = page.getByRole("form", { name: "Subscribe as the device" });
  await subscribe.getByLabel("Topic filter").fill("config/+");
  await subscribe.getByRole("button", { name: "Subscribe" }).click();
  const subscription = subscribe.getByRole("list", { name: "Subscriptions" }).locator("li");
  await expect(subscription).toContainText(`v1/device/${deviceId}/config/+`);
  await expect(subscription).toContainText("SUBACK 1 Granted QoS 1");

  // A publish outside the device's prefix gets the hub's refusal.
  await publish.getByLabel(/Outside the device/).check();
  await publish.getByLabel("Topic").fill("v1/device/someone-else/telemetry");
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(publish.getByRole("status")).toContainText("PUBACK 135 Not authorized");

  // Checking again gives a verdict of its own (a new node, so the live region
  // announces it again), not the last one left on screen.
  const verdict = page.locator("[data-check]");
  const firstCheck = (await verdict.getAttribute("data-check")) ?? "";
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(verdict).not.toHaveAttribute("data-check", firstCheck);
  await expect(verdict).toHaveText(/^Credentials verified live in \d+ ms$/);
  await expect(page.getByRole("form", { name: "Publish as the device" })).toBeVisible();

  await page.getByLabel("Access key", { exact: true }).fill(`${accessKey.slice(0, -4)}AAAA`);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.locator('[data-step="connect"]')).toHaveAttribute("data-status", "failed");
  await expect(page.locator('[data-step="connect"]')).toContainText("reason 135");
  await expect(page.getByText("The access key does not match this device.")).toBeVisible();
});

test("[LIVE CHECK]: rotating the key disconnects the panel, the old key is refused, the new one verifies; disabled is explained", async ({
  page,
}) => {
  await signUp(page, undefined, { land: false });
  const device = await seedDevice(page, { name: "Live L2", protocol: "MQTT" }, "L2-1");
  const oldKey = device.access_key;
  await openDevice(page, device);
  const keyInput = page.getByLabel("Access key", { exact: true });
  const connect = page.getByRole("button", { name: "Connect", exact: true });
  await connect.click();
  await expect(page.getByText(/^Credentials verified live in \d+ ms$/)).toBeVisible();

  await page.getByRole("button", { name: "Rotate access key" }).click();
  await page.getByRole("button", { name: "Rotate key" }).click();
  const newKey = (await page.getByTestId("rotated-access-key").textContent()) ?? "";
  expect(newKey).toMatch(/^pdk_/);
  await expect(page.getByText(/^Disconnected: /)).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();

  await keyInput.fill(oldKey);
  await connect.click();
  await expect(page.getByText("The access key does not match this device.")).toBeVisible();
  await keyInput.fill(newKey);
  await connect.click();
  await expect(page.getByText(/^Credentials verified live in \d+ ms$/)).toBeVisible();

  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("button", { name: "Enable" })).toBeVisible();
  await connect.click();
  await expect(page.getByText("The device is disabled.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("Rotated the access key of L2-1");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("Disabled L2-1");
});

test("[DEVICES]: another partner's device page is a 404, and delete asks first", async ({ browser }) => {
  const page = await browser.newPage();
  await signUp(page, undefined, { land: false });
  const device = await seedDevice(page, { name: "Live L3", protocol: "HTTP" }, "L3-1");

  const other = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  await signUp(other, undefined, { land: false });
  expect((await other.goto(`/devices/${device.id}`))?.status()).toBe(404);

  await openDevice(page, device);
  await expect(page.getByRole("region", { name: "Live connection check" })).toHaveCount(0);
  await page.getByRole("button", { name: "Delete" }).click();
  await page
    .getByRole("alertdialog", { name: "Delete device L3-1?" })
    .getByRole("button", { name: "Delete device" })
    .click();
  await expect(page.getByRole("heading", { name: "Live L3", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Devices" })).toHaveCount(0);
});

test("[LIVE CHECK]: an HTTP-model device's check passes with its key and fails with a wrong one", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  const device = await seedDevice(page, { name: "Meter H1", protocol: "HTTP" }, "H1-1");
  await openDevice(page, device);
  const panel = page.getByRole("region", { name: "HTTP connection check" });
  await panel.getByRole("button", { name: "Send test telemetry" }).click();
  await expect(panel.getByText(/^HTTP 200 in \d+ ms: accepted, last seen updated$/)).toBeVisible();
  // An HTTP device has no session: heard from within its model's threshold is online.
  await page.reload();
  await expect(page.getByText("Online", { exact: true })).toBeVisible();

  await panel.getByLabel("Access key", { exact: true }).fill("pdk_wrong");
  await panel.getByRole("button", { name: "Send test telemetry" }).click();
  await expect(panel.getByText(/^HTTP 401 in \d+ ms: refused$/)).toBeVisible();
  await expect(panel).toContainText("unknown device or wrong access key");
});
