import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import mqtt, { type IPublishPacket, type MqttClient } from "mqtt";
import { openDevice, seedDevice, signUp } from "./fixtures/partners";

// The real device, seen from the portal: a scripted MQTT.js "firmware" in the
// test takes each onboarding step and the checklist ticks; a firmware on MQTT
// 3.1.1 gets the v5 hint; the live check warns before taking over a device's
// session.

async function registerAndOpen(page: Page, name: string) {
  await signUp(page, undefined, { land: false });
  const device = await seedDevice(page, { name, protocol: "MQTT" }, `${name.replaceAll(" ", "-")}-1`);
  // The firmware connects where the registration answer says, over TLS, pinned to the CA the portal offers.
  expect(device.mqtt_hub_url).toMatch(/^mqtts:\/\//);
  const ca = await (await page.request.get("/api/hub/ca.pem")).body();
  await openDevice(page, device);
  return { id: device.id, key: device.access_key, hubUrl: device.hub_url, mqttUrl: device.mqtt_hub_url, ca };
}

type Registered = Awaited<ReturnType<typeof registerAndOpen>>;

const firmware = (device: Registered, options: { protocolVersion?: 4 | 5 } = {}): Promise<MqttClient> =>
  mqtt.connectAsync(device.mqttUrl, {
    ca: device.ca,
    protocolVersion: options.protocolVersion ?? 5,
    clientId: device.id,
    username: device.id,
    password: device.key,
    reconnectPeriod: 0,
  });

const step = (page: Page, key: string) =>
  page.getByRole("list", { name: "Onboarding steps" }).locator(`li[data-checklist-step="${key}"]`);

test("[ONBOARDING]: the checklist ticks as a scripted firmware takes each step, and the report downloads", async ({
  page,
}) => {
  const device = await registerAndOpen(page, "Onboard T1");
  await expect(page.getByRole("heading", { name: "Waiting for your device" })).toBeVisible();
  await expect(step(page, "register")).toHaveAttribute("data-status", "done");
  await expect(step(page, "connect")).toHaveAttribute("data-status", "waiting");

  // The connect snippets link the hub's CA next to them.
  const caLink = page.getByRole("link", { name: "download partner-hub-ca.pem" });
  await expect(caLink).toHaveAttribute("href", /\/api\/hub\/ca\.pem$/);

  const prefix = `v1/device/${device.id}`;
  const client = await firmware(device);
  // The firmware answers every command done, and applies every config it is sent.
  client.on("message", (topic, payload, packet: IPublishPacket) => {
    const answer = packet.properties?.responseTopic;
    if (!answer) return;
    if (topic.endsWith("/config")) return void client.publishAsync(answer, payload, { qos: 1 });
    const { id } = JSON.parse(payload.toString()) as { id: string };
    void client.publishAsync(answer, JSON.stringify({ id, status: "done", message: "pong" }), { qos: 1 });
  });
  await expect(step(page, "connect")).toHaveAttribute("data-status", "done");

  await client.subscribeAsync([`${prefix}/commands`, `${prefix}/config`], { qos: 1 });
  await expect(step(page, "subscribe")).toHaveAttribute("data-status", "done");

  await client.publishAsync(`${prefix}/telemetry`, JSON.stringify({ status: "online", telemetries: { rssi: -61 } }), {
    qos: 1,
  });
  await expect(step(page, "telemetry")).toHaveAttribute("data-status", "done");
  await expect(step(page, "telemetry")).toContainText("Keys seen: rssi");

  await page.getByRole("button", { name: "Send a test command" }).click();
  await expect(step(page, "command")).toHaveAttribute("data-status", "done");

  await page.getByLabel("Desired config (JSON object)").fill('{"interval": 60}');
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(step(page, "config")).toHaveAttribute("data-status", "done");

  const update = await page.request.put(`${device.hubUrl}/v1/devices/${device.id}`, {
    headers: { authorization: device.key, "content-type": "application/json" },
    data: JSON.stringify({ firmware_version: "1.0.0" }),
  });
  expect(update.status()).toBe(200);
  await expect(step(page, "firmware")).toHaveAttribute("data-status", "done");
  await expect(page.getByRole("heading", { name: "Onboarding checklist: complete" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Report (Markdown)" }).click();
  const report = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const markdown = await readFile(report, "utf8");
  expect(markdown).toContain("Result: **all steps passed**");
  expect(markdown).toContain("| Connected with MQTT v5 and client id = device id | PASS |");
  const json = await page.request.get(`/api/devices/${device.id}/conformance?format=json`);
  expect(await json.json()).toMatchObject({ passed: true, device: { id: device.id, protocol: "MQTT" } });

  // The history has the whole story.
  const history = page.getByRole("list", { name: "Connection history" });
  await expect(history).toContainText("Connected over MQTT v5");
  await expect(history).toContainText(`Subscribed to ${prefix}/commands`);
  await client.endAsync();
  await expect(history).toContainText("Disconnected: the device closed its session");
});

test("[ONBOARDING]: a firmware on MQTT 3.1.1 is refused, and the checklist and history say to use v5", async ({
  page,
}) => {
  const device = await registerAndOpen(page, "Onboard V3");
  await expect(firmware(device, { protocolVersion: 4 })).rejects.toThrow();
  await expect(step(page, "connect")).toHaveAttribute("data-status", "failed");
  await expect(step(page, "connect")).toContainText("Refused: MQTT older than v5");
  await expect(step(page, "connect")).toContainText("protocolVersion: 5");
  await expect(page.getByRole("list", { name: "Connection history" }).locator("li").first()).toContainText(
    "Refused: MQTT older than v5",
  );
});

test("[LIVE CHECK]: with the device online, the check asks before taking over its session, and a takeover is explained on both sides", async ({
  page,
}) => {
  const device = await registerAndOpen(page, "Onboard Takeover");
  const client = await firmware(device);
  let isClosed = false;
  client.on("close", () => (isClosed = true));
  await expect(step(page, "connect")).toHaveAttribute("data-status", "done");

  await page.getByRole("button", { name: "Connect", exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: "The device is connected right now" });
  await expect(dialog).toContainText("takes over the device's session");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(client.connected).toBe(true);

  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await dialog.getByRole("button", { name: "Connect anyway" }).click();
  await expect(page.getByText(/^Credentials verified live in \d+ ms$/)).toBeVisible();
  // Mosquitto 2.0.11 closes the taken-over connection without a DISCONNECT packet.
  await expect.poll(() => isClosed).toBe(true);
  await expect(page.getByRole("list", { name: "Connection history" })).toContainText(
    "Session taken over by another connection with this device id",
  );

  // And the other way: the device comes back and takes the session from the page.
  const back = await firmware(device);
  await expect(
    page.getByText(/^Disconnected: Session taken over: another connection with this device id/),
  ).toBeVisible();
  back.end(true);
});
