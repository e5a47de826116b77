// Regenerates the README's screenshots in docs/: the members page with a team,
// the overview and devices page
// of a large fleet, the Models page, a verified live check and an explained
// refusal, a device's telemetry and command history, and a second device's
// completed onboarding checklist and connection history (the script plays the
// devices over MQTT for those). Signs in as the seeded demo user on a running portal (default
// http://127.0.0.1:3000) and works through the UI.
//   npm run db:seed && npx tsx --conditions=react-server scripts/seed-fleet.ts 100000 && npm start   # in another shell
//   npx tsx scripts/capture-screenshot.ts [base-url] [--only=name,name]
import { chromium, type Page } from "@playwright/test";
import mqtt from "mqtt";
import { DEMO_USER } from "../prisma/demo-user";
import { CHROMIUM_LAUNCH } from "../test/support/chromium";

const baseUrl = process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? "http://127.0.0.1:3000";
// --only=live-check-verified,device-conversation writes just those (the steps still all run).
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const isWanted = (name: string) => !only || only.includes(name);
const browser = await chromium.launch(CHROMIUM_LAUNCH);

async function shot(page: Page, name: string, locator?: string) {
  if (!isWanted(name)) return;
  const path = `docs/${name}.png`;
  if (locator) await page.locator(locator).screenshot({ path });
  else await page.screenshot({ path });
  console.log(`Wrote ${path}`);
}

const TEAM = [
  { name: "Ada Admin", email: "ada@partnerhub.local", role: "admin" },
  { name: "Dev Developer", email: "dev@partnerhub.local", role: "developer" },
  { name: "Vera Viewer", email: "vera@partnerhub.local", role: "viewer" },
];

/** The members page with a team: invites each (once), accepts as them in a browser of their own, and one pending. */
async function captureMembersPage(page: Page) {
  await page.goto(`${baseUrl}/members`);
  await page.getByRole("table", { name: "Members" }).waitFor();
  for (const member of TEAM) {
    if ((await page.getByRole("row", { name: new RegExp(member.name) }).count()) > 0) continue;
    await page.getByLabel("Email", { exact: true }).fill(member.email);
    await page.getByLabel("Role", { exact: true }).selectOption(member.role);
    await page.getByRole("button", { name: "Invite" }).click();
    const link = (await page.getByTestId("invitation-link").textContent()) ?? "";
    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(link);
    await invitee.getByLabel("Your name").fill(member.name);
    await invitee.getByLabel("Password").fill("partnerhub-demo");
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
    await invitee.context().close();
    await page.reload();
  }
  const pending = "field.engineer@example.com";
  if ((await page.getByRole("cell", { name: pending }).count()) === 0) {
    await page.getByLabel("Email", { exact: true }).fill(pending);
    await page.getByRole("button", { name: "Invite" }).click();
    await page.getByTestId("invitation-link").waitFor();
    await page.reload();
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("table", { name: "Pending invitations" }).waitFor();
  await shot(page, "members-page");
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 640 }, deviceScaleFactor: 1 });
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(DEMO_USER.email);
  await page.getByLabel("Password").fill(DEMO_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
  await captureMembersPage(page);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await shot(page, "overview");
  await page.goto(`${baseUrl}/devices?sort=last_seen_desc`);
  await page.getByRole("table", { name: "Devices" }).waitFor();
  await shot(page, "devices-page");
  await page.setViewportSize({ width: 1280, height: 640 });
  await page.goto(`${baseUrl}/models`);
  await page.getByRole("table", { name: "Models" }).waitFor();
  await shot(page, "models-page");

  // A device of the MQTT model, registered through the screen.
  await page.getByRole("link", { name: "Acme Thermostat T1" }).click();
  await page.getByRole("button", { name: "Create hardware key" }).click();
  await page.getByLabel("Label").fill(`Screenshots ${new Date().toISOString().slice(0, 16)}`);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: "Register device" }).click();
  await page.getByLabel("Serial number").fill(`T1-DEMO-${Date.now() % 100000}`);
  await page.getByLabel("Firmware version").fill("2.1.0");
  await page.getByLabel("Name (optional)").fill("Lobby thermostat");
  await page.getByRole("button", { name: "Register device" }).click();
  const key = (await page.getByTestId("credential-access_key").textContent()) ?? "";
  await page.getByRole("link", { name: "Open the live connection check" }).click();

  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByText(/^Credentials verified live in \d+ ms$/).waitFor();
  await page.getByRole("button", { name: "Send a test command from the portal" }).click();
  await page.getByRole("list", { name: "Message log" }).waitFor();
  await shot(page, "live-check-verified", "section[aria-labelledby=live-check]");

  await page.getByLabel("Access key", { exact: true }).fill(`${key.slice(0, -6)}XXXXXX`);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByText("The access key does not match this device.").waitFor();
  await shot(page, "live-check-refused", "section[aria-labelledby=live-check]");

  // The device talks: an hour of telemetry (timestamped, one message every
  // 30 s), a firmware update command it runs, and a config it applies.
  const deviceId = (await page.getByTestId("device-id").textContent()) ?? "";
  const prefix = `v1/device/${deviceId}`;
  const mqttUrl = `mqtt://${new URL(baseUrl).hostname}:${process.env.MQTT_PORT ?? 1883}`;
  const device = await mqtt.connectAsync(mqttUrl, {
    protocolVersion: 5,
    username: deviceId,
    password: key,
    clientId: deviceId,
  });
  device.on("message", (topic, payload, packet) => {
    const answer = packet.properties?.responseTopic;
    if (!answer) return;
    if (topic.endsWith("/config")) return void device.publishAsync(answer, payload, { qos: 1 });
    const command = JSON.parse(payload.toString()) as { id: string };
    void (async () => {
      await device.publishAsync(answer, JSON.stringify({ id: command.id, status: "in_progress" }), { qos: 1 });
      await device.publishAsync(
        answer,
        JSON.stringify({ id: command.id, status: "done", message: "Updated to 2.2.0" }),
        { qos: 1 },
      );
    })();
  });
  await device.subscribeAsync([`${prefix}/commands`, `${prefix}/config`], { qos: 1 });
  const now = Date.now();
  for (let i = 120; i >= 0; i--) {
    const telemetries = {
      temperature: Number((21 + Math.sin(i / 14) * 1.6).toFixed(2)),
      humidity: Number((44 + Math.cos(i / 20) * 5).toFixed(1)),
      setpoint: i > 60 ? 21 : 22,
      fan: i % 9 === 0 ? "high" : "auto",
    };
    const timestamp = new Date(now - i * 30_000).toISOString();
    await device.publishAsync(`${prefix}/telemetry`, JSON.stringify({ status: "online", timestamp, telemetries }), {
      qos: 1,
    });
  }
  const form = page.getByRole("form", { name: "Send a command" });
  await form.getByLabel("Command").selectOption("update_firmware");
  await form.getByLabel("File URL").fill("https://firmware.example.com/t1-2.2.0.bin");
  await form.getByLabel("Version").fill("2.2.0");
  await form.getByLabel("Checksum").fill("sha256:9f2c…");
  await form.getByRole("button", { name: "Send command" }).click();
  await page.locator('[aria-label="Command history"] > li[data-status="done"]').first().waitFor();
  await form.getByLabel("Command").selectOption("reboot");
  await page.getByLabel("Desired config (JSON object)").fill('{"display": {"brightness": 70}, "report_every_s": 30}');
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await page.getByRole("status").filter({ hasText: "Desired version" }).getByText("applied").waitFor();
  await device.endAsync();
  // Tall enough that nothing scrolls: bounding boxes are then page coordinates.
  await page.setViewportSize({ width: 1280, height: 4000 });
  const [top, bottom] = [await page.locator("#telemetry").boundingBox(), await page.locator("#commands").boundingBox()];
  if (isWanted("device-conversation")) {
    await page.screenshot({
      path: "docs/device-conversation.png",
      clip: { x: top!.x - 8, y: top!.y - 8, width: top!.width + 16, height: bottom!.y + bottom!.height - top!.y + 16 },
    });
    console.log("Wrote docs/device-conversation.png");
  }

  // A second device, onboarded by a scripted firmware: first with a wrong
  // key (refused), then every checklist step; its history and checklist.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(`${baseUrl}/models`);
  await page.getByRole("link", { name: "Acme Thermostat T1" }).click();
  await page.getByRole("link", { name: "Register device" }).click();
  await page.getByLabel("Serial number").fill(`T1-ONBOARD-${Date.now() % 100000}`);
  await page.getByLabel("Firmware version").fill("2.1.0");
  await page.getByRole("button", { name: "Register device" }).click();
  const onboardId = (await page.getByTestId("credential-id").textContent()) ?? "";
  const onboardKey = (await page.getByTestId("credential-access_key").textContent()) ?? "";
  const hubUrl = (await page.getByTestId("credential-hub_url").textContent()) ?? "";
  await page.getByRole("link", { name: "Open the live connection check" }).click();
  await page.getByRole("heading", { name: "Waiting for your device" }).waitFor();
  const firmware = (password: string) =>
    mqtt.connectAsync(mqttUrl, {
      protocolVersion: 5,
      username: onboardId,
      password,
      clientId: onboardId,
      reconnectPeriod: 0,
    });
  await firmware(`${onboardKey.slice(0, -6)}XXXXXX`).then(
    (client) => client.endAsync(),
    () => undefined,
  );
  const onboard = await firmware(onboardKey);
  const onboardPrefix = `v1/device/${onboardId}`;
  onboard.on("message", (topic, payload, packet) => {
    const answer = packet.properties?.responseTopic;
    if (!answer) return;
    if (topic.endsWith("/config")) return void onboard.publishAsync(answer, payload, { qos: 1 });
    const { id } = JSON.parse(payload.toString()) as { id: string };
    void onboard.publishAsync(answer, JSON.stringify({ id, status: "done", message: "pong" }), { qos: 1 });
  });
  await onboard.subscribeAsync([`${onboardPrefix}/commands`, `${onboardPrefix}/config`], { qos: 1 });
  await onboard.publishAsync(
    `${onboardPrefix}/telemetry`,
    JSON.stringify({ status: "online", telemetries: { temperature: 21.4, humidity: 45 } }),
    { qos: 1 },
  );
  const checklistStep = (key: string) =>
    page
      .getByRole("list", { name: "Onboarding steps" })
      .locator(`li[data-checklist-step="${key}"][data-status="done"]`);
  await checklistStep("telemetry").waitFor();
  await page.getByRole("button", { name: "Send a test command" }).click();
  await checklistStep("command").waitFor();
  await page.getByLabel("Desired config (JSON object)").fill('{"report_every_s": 30}');
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await checklistStep("config").waitFor();
  await fetch(`${hubUrl}/v1/devices/${onboardId}`, {
    method: "PUT",
    headers: { authorization: onboardKey, "content-type": "application/json" },
    body: JSON.stringify({ firmware_version: "2.1.0" }),
  });
  await page.getByRole("heading", { name: "Onboarding checklist: complete" }).waitFor();
  await shot(page, "onboarding-checklist", "#checklist");
  await page
    .getByRole("list", { name: "Connection history" })
    .getByText(/^Refused/)
    .first()
    .waitFor();
  await shot(page, "device-history", "#history");
  await onboard.endAsync();
} finally {
  await browser.close();
}
