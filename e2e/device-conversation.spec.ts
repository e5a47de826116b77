import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import mqtt, { type IPublishPacket } from "mqtt";
import { connectSnippets } from "../lib/devices/connect-snippets";
import { openDevice, seedDevice, seedHardwareKey, seedModel, signUp } from "./fixtures/partners";

// The device conversation from the portal's side, with a real device on the
// other end: an MQTT.js client in the test for an MQTT model, fetch for an
// HTTP model. The portal sends, the device answers, the portal shows it.

type Answer = { success: boolean; config_version: number; command: boolean; new_licenses: boolean };
type Command = { id: string; name: string; status: string };
type Config = { version: number; config: Record<string, unknown> };
const json = async <T>(response: Promise<APIResponse>): Promise<T> => (await (await response).json()) as T;

async function registerAndOpen(page: Page, protocol: "MQTT" | "HTTP") {
  await signUp(page, undefined, { land: false });
  const device = await seedDevice(page, { name: `Talk ${protocol}`, protocol }, `T-${protocol}-1`);
  await openDevice(page, device);
  return { id: device.id, key: device.access_key, hubUrl: device.hub_url };
}

async function sendCommand(page: Page, name: "reboot" | "dump") {
  const form = page.getByRole("form", { name: "Send a command" });
  await form.getByLabel("Command").selectOption(name);
  await form.getByRole("button", { name: "Send command" }).click();
  // The portal shows what it queued: the device must find this one, not another.
  const newest = page.getByRole("list", { name: "Command history" }).locator("li").first();
  await expect(newest).toHaveAttribute("data-status", "pending");
  await expect(newest).toContainText(name);
}

test("[CONVERSATION]: an MQTT device takes a command and a config from the portal, and its telemetry shows live", async ({
  page,
}) => {
  const device = await registerAndOpen(page, "MQTT");
  const prefix = `v1/device/${device.id}`;
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${process.env.E2E_MQTT_PORT}`, {
    protocolVersion: 5,
    username: device.id,
    password: device.key,
    clientId: device.id,
  });
  const received: IPublishPacket[] = [];
  client.on("message", (_topic, _payload, packet) => received.push(packet));
  await client.subscribeAsync([`${prefix}/commands`, `${prefix}/config`], { qos: 1 });

  await sendCommand(page, "reboot");
  await expect.poll(() => received.filter((p) => p.topic === `${prefix}/commands`).length).toBe(1);
  const command = received.find((p) => p.topic === `${prefix}/commands`)!;
  const commandId = command.properties!.correlationData!.toString();
  expect(JSON.parse(command.payload.toString())).toMatchObject({ id: commandId, name: "reboot", status: "pending" });
  const history = page.getByRole("list", { name: "Command history" });
  await expect(history.locator("li").first()).toHaveAttribute("data-status", "pending");
  for (const status of ["in_progress", "done"]) {
    await client.publishAsync(
      command.properties!.responseTopic!,
      JSON.stringify({ id: commandId, status, message: `is ${status}` }),
      {
        qos: 1,
        properties: { correlationData: command.properties!.correlationData! },
      },
    );
  }
  await expect(history.locator("li").first()).toHaveAttribute("data-status", "done");
  await expect(history).toContainText("done via mqtt");

  await page.getByLabel("Desired config (JSON object)").fill('{"volume": 7}');
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByTestId("desired-config-version")).toHaveText("1");
  await expect.poll(() => received.filter((p) => p.topic === `${prefix}/config`).length).toBe(1);
  const config = received.find((p) => p.topic === `${prefix}/config`)!;
  expect(JSON.parse(config.payload.toString())).toMatchObject({ version: 1, config: { volume: 7 } });
  await client.publishAsync(config.properties!.responseTopic!, config.payload, { qos: 1 });
  await expect(page.getByTestId("reported-config-version")).toHaveText("1");
  await expect(page.getByRole("status").filter({ hasText: "Desired version" })).toContainText("applied");

  await client.publishAsync(
    `${prefix}/telemetry`,
    JSON.stringify({ status: "online", telemetries: { temperature: 21.5, door: "open" } }),
    {
      qos: 1,
    },
  );
  const latest = page.getByRole("table", { name: "Latest telemetry values" });
  await expect(latest.getByRole("row", { name: /temperature/ })).toContainText("21.5");
  await expect(latest.getByRole("row", { name: /door/ })).toContainText('"open"');
  await expect(page.getByRole("img", { name: /^temperature: latest average 21\.5/ })).toBeVisible();

  // A malformed message is kept, with why, not dropped.
  await client.publishAsync(`${prefix}/telemetry`, "{oops", { qos: 1 });
  await expect(page.getByRole("list", { name: "Rejected messages" })).toContainText("payload: not valid JSON");
  await client.endAsync();
});

test("[CONVERSATION]: an HTTP device fetches its command and config and answers over HTTP", async ({
  page,
  request,
}) => {
  const device = await registerAndOpen(page, "HTTP");
  const call = (method: "GET" | "POST", path: string, data?: unknown) =>
    request.fetch(`${device.hubUrl}/v1/devices/${device.id}${path}`, {
      method,
      headers: { authorization: device.key, ...(data ? { "content-type": "application/json" } : {}) },
      ...(data ? { data: JSON.stringify(data) } : {}),
    });

  await sendCommand(page, "dump");
  const answer = await json<Answer>(call("POST", "/telemetry", { status: "online", telemetries: { uptime: 5 } }));
  expect(answer).toMatchObject({ success: true, command: true });
  const command = await json<Command>(call("GET", "/command"));
  expect(command).toMatchObject({ name: "dump", status: "pending" });
  expect((await call("POST", "/command", { id: command.id, status: "in_progress" })).status()).toBe(200);
  expect((await call("POST", "/command", { id: command.id, status: "done", message: "dump uploaded" })).status()).toBe(
    200,
  );
  const history = page.getByRole("list", { name: "Command history" });
  await expect(history.locator("li").first()).toHaveAttribute("data-status", "done");
  await expect(history).toContainText("dump uploaded");

  await page.getByLabel("Desired config (JSON object)").fill('{"interval": 30}');
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByTestId("desired-config-version")).toHaveText("1");
  const next = await json<Answer>(call("POST", "/telemetry", { status: "online", telemetries: { uptime: 6 } }));
  expect(next.config_version).toBe(1);
  const config = await json<Config>(call("GET", "/config"));
  expect(config).toMatchObject({ version: 1, config: { interval: 30 } });
  expect((await call("POST", "/config", config)).status()).toBe(200);
  await expect(page.getByTestId("reported-config-version")).toHaveText("1");
  await expect(
    page.getByRole("table", { name: "Latest telemetry values" }).getByRole("row", { name: /uptime/ }),
  ).toContainText("6");

  // The page's HTTP snippets run as written (curl against the real server).
  const snippet = connectSnippets({
    deviceId: device.id,
    protocol: "HTTP",
    mqttUrl: "mqtt://unused",
    hubUrl: device.hubUrl,
    accessKey: device.key,
  })
    .find((s) => s.id === "http-telemetry")!
    .code.split("\n")
    .find((line) => line.startsWith("curl"))!;
  const { stdout } = await promisify(execFile)("bash", ["-c", snippet]);
  expect(JSON.parse(stdout)).toMatchObject({ success: true });
  await expect(
    page.getByRole("table", { name: "Latest telemetry values" }).getByRole("row", { name: /temperature/ }),
  ).toContainText("21.5");
});

test("[CONVERSATION]: Xyte's agent flow against the real server (register with cloud_id, telemetry, config, command)", async ({
  page,
  request,
}) => {
  await signUp(page, undefined, { land: false });
  const hardwareKey = await seedHardwareKey(page, await seedModel(page, { name: "Agent flow", protocol: "HTTP" }));
  const registered = await request.post("/v1/devices", {
    data: {
      cloud_id: "QzuaKQNOxgMww6gUTTmD65em",
      hardware_key: hardwareKey,
      firmware_version: "1.0.3",
      sn: "1000",
      name: "Sample device",
    },
  });
  expect(registered.status()).toBe(201);
  const auth = (await registered.json()) as { id: string; access_key: string; hub_url: string };
  const call = (method: "GET" | "POST" | "PUT", path: string, data?: unknown) =>
    request.fetch(`${auth.hub_url}/v1/devices/${auth.id}${path}`, {
      method,
      headers: { Authorization: auth.access_key, "Content-Type": "application/json" },
      ...(data ? { data: JSON.stringify(data) } : {}),
    });

  // The agent's loop: telemetry, then whatever the answer says is waiting.
  let state = { configVersion: 0 };
  const loop = async () => {
    const answer = await json<Answer>(call("POST", "/telemetry", { status: "online", telemetries: { cpu: 12 } }));
    if (answer.config_version > state.configVersion) {
      const config = await json<Config>(call("GET", "/config"));
      state = { configVersion: config.version };
      expect((await call("POST", "/config", config)).status()).toBe(200);
    }
    if (answer.command) {
      const command = await json<Command>(call("GET", "/command"));
      expect((await call("POST", "/command", { id: command.id, status: "in_progress" })).status()).toBe(200);
      expect(
        (await call("POST", "/command", { id: command.id, status: "done", message: "Device restart OK" })).status(),
      ).toBe(200);
    }
    if (answer.new_licenses) await call("GET", "/licenses");
    return answer;
  };
  expect(await loop()).toMatchObject({ config_version: 0, command: false, new_licenses: false });

  await page.goto(`/devices/${auth.id}`);
  await sendCommand(page, "reboot");
  await page.getByLabel("Desired config (JSON object)").fill('{"brightness": 80}');
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByTestId("desired-config-version")).toHaveText("1");
  expect(await loop()).toMatchObject({ config_version: 1, command: true });
  expect(state.configVersion).toBe(1);
  expect(await loop()).toMatchObject({ config_version: 1, command: false });
  await expect(page.getByRole("list", { name: "Command history" }).locator("li").first()).toHaveAttribute(
    "data-status",
    "done",
  );
  await expect(page.getByTestId("reported-config-version")).toHaveText("1");

  // The agent reports a firmware update; a deleted device gets 401 everywhere (the agent then registers again).
  expect((await call("PUT", "", { firmware_version: "1.0.4" })).status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("list", { name: "Firmware history" })).toContainText("Firmware 1.0.3 → 1.0.4");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: "Delete device" }).click();
  await expect(page).not.toHaveURL(new RegExp(auth.id));
  for (const [method, path] of [
    ["POST", "/telemetry"],
    ["GET", "/command"],
    ["GET", "/config"],
  ] as const) {
    expect((await call(method, path, method === "POST" ? { status: "online" } : undefined)).status()).toBe(401);
  }
});
