import type { IPublishPacket, MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { queueCommand } from "@/lib/server/data/commands/queue-command";
import { setDeviceConfig } from "@/lib/server/data/config/set-device-config";
import { flushTelemetry } from "@/lib/server/data/telemetry/telemetry-buffer";
import { pushCommands, pushConfig } from "@/lib/server/device-conversation/push-to-device";
import { getHub } from "@/lib/server/start/start-hub";
import { body, call, modelWithKey } from "./support/device-api";
import { connectDevice } from "./support/hub";
import { useRunningTestHub } from "./support/running-hub";

const hub = useRunningTestHub();
const clients: MqttClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.end(true);
});

async function connected(subscriptions: string[] = [], options: { clean?: boolean } = {}) {
  const model = await modelWithKey("MQTT");
  const { json } = await call("register", body(model.hardwareKey));
  const id = json.id as string;
  const { client } = await connectDevice(hub.current.url, id, json.access_key as string, {
    clean: options.clean ?? true,
  });
  if (!client) throw new Error("not admitted");
  clients.push(client);
  const received: IPublishPacket[] = [];
  client.on("message", (_topic, _payload, packet) => received.push(packet));
  for (const suffix of subscriptions) await client.subscribeAsync(`v1/device/${id}/${suffix}`, { qos: 1 });
  return { ...model, id, client, received, prefix: `v1/device/${id}` };
}

/** Waits until `check` holds (the portal acts on the broker's log and messages asynchronously). */
async function until<T>(check: () => Promise<T> | T, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function send(device: Awaited<ReturnType<typeof connected>>, name = "reboot") {
  const command = await queueCommand({
    partnerId: device.partnerId,
    actor: device.actor,
    deviceId: device.id,
    command: { name, parameters: {} },
  });
  await pushCommands(getHub(), device.id, [command]);
  return command;
}

describe("[CONVERSATION] commands over MQTT", () => {
  it.each([
    [["commands"], "commands"],
    [["command"], "command"],
    [["command", "commands"], "commands"],
    [["#"], "commands"],
  ])(
    "a device subscribed to %j gets each command once, on %s, with the command id as correlation data",
    async (subscriptions, topic) => {
      const device = await connected(subscriptions);
      await until(() => getHub().sessionOf(device.id)?.filters.length === subscriptions.length);
      const command = await send(device);
      await until(() => device.received.length > 0);
      await settle();
      const commands = device.received.filter((p) => p.topic.startsWith(`${device.prefix}/command`));
      expect(commands).toHaveLength(1);
      expect(commands[0]!.topic).toBe(`${device.prefix}/${topic}`);
      expect(commands[0]!.properties?.correlationData?.toString()).toBe(command.id);
      expect(commands[0]!.properties?.responseTopic).toBe(`${device.prefix}/commands/update`);
      expect(JSON.parse(commands[0]!.payload.toString())).toEqual({
        id: command.id,
        device_id: device.id,
        name: "reboot",
        parameters: {},
        status: "pending",
      });
    },
  );

  it("a device answers on the response topic: in_progress, then done; the next command follows", async () => {
    const device = await connected(["commands"]);
    await until(() => getHub().sessionOf(device.id)?.filters.length === 1);
    const first = await send(device, "reboot");
    const second = await queueCommand({
      partnerId: device.partnerId,
      actor: device.actor,
      deviceId: device.id,
      command: { name: "dump", parameters: {} },
    });
    await until(() => device.received.length === 1);
    // Answer by correlation data alone (MQTT v5), then with Xyte's payload id.
    await device.client.publishAsync(`${device.prefix}/commands/update`, JSON.stringify({ status: "in_progress" }), {
      qos: 1,
      properties: { correlationData: Buffer.from(first.id) },
    });
    await until(
      async () => (await db.deviceCommand.findUniqueOrThrow({ where: { id: first.id } })).status === "in_progress",
    );
    await device.client.publishAsync(
      `${device.prefix}/command/update`,
      JSON.stringify({ id: first.id, status: "done", message: "ok" }),
      { qos: 1 },
    );
    await until(async () => (await db.deviceCommand.findUniqueOrThrow({ where: { id: first.id } })).status === "done");
    // Finishing the first pushes the second, which was queued meanwhile.
    await until(() => device.received.some((p) => p.properties?.correlationData?.toString() === second.id));
    const updates = await db.deviceCommandUpdate.findMany({ where: { commandId: first.id }, orderBy: { id: "asc" } });
    expect(updates.map((u) => [u.status, u.via])).toEqual([
      ["pending", "portal"],
      ["in_progress", "mqtt"],
      ["done", "mqtt"],
    ]);
  });

  it("a command sent while the device was away reaches it when it subscribes", async () => {
    const device = await connected([]);
    const command = await send(device);
    expect(device.received).toHaveLength(0);
    await device.client.subscribeAsync(`${device.prefix}/commands`, { qos: 1 });
    await until(() => device.received.length === 1);
    expect(device.received[0]!.properties?.correlationData?.toString()).toBe(command.id);
  });

  it("an illegal move or a malformed answer is kept as a rejected message with its reason", async () => {
    const device = await connected(["commands"]);
    const command = await send(device);
    await device.client.publishAsync(
      `${device.prefix}/commands/update`,
      JSON.stringify({ id: command.id, status: "done" }),
      { qos: 1 },
    );
    await device.client.publishAsync(
      `${device.prefix}/commands/update`,
      JSON.stringify({ id: command.id, status: "in_progress" }),
      { qos: 1 },
    );
    await device.client.publishAsync(`${device.prefix}/telemetry`, "not json", { qos: 1 });
    await device.client.publishAsync(
      `${device.prefix}/telemetry`,
      JSON.stringify({ status: "online", telemetries: { a: [1] } }),
      { qos: 1 },
    );
    const events = await until(async () => {
      const rows = await db.deviceEvent.findMany({
        where: { deviceId: device.id, kind: "message.rejected" },
        orderBy: { id: "asc" },
      });
      return rows.length === 3 ? rows : null;
    });
    const details = events!.map((e) => JSON.parse(e.detail) as { topic: string; reason: string; payload: string });
    expect(details.map((d) => d.reason)).toEqual([
      "status: a command that is done cannot become in_progress",
      "payload: not valid JSON",
      "telemetries.a: must be a number, a boolean, a string or null (nested objects and arrays are not telemetry)",
    ]);
    expect(details[1]).toMatchObject({ topic: `${device.prefix}/telemetry`, payload: "not json" });
  });
});

describe("[CONVERSATION] telemetry and config over MQTT", () => {
  it("telemetry published by the device is stored as over HTTP", async () => {
    const device = await connected([]);
    await device.client.publishAsync(
      `${device.prefix}/telemetry`,
      JSON.stringify({ status: "online", telemetries: { temp: 20, door: "open" } }),
      { qos: 1 },
    );
    await until(async () => {
      await flushTelemetry();
      return (await db.telemetryMessage.count({ where: { deviceId: device.id, via: "mqtt" } })) === 1;
    });
    const row = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(JSON.parse(row.telemetryState!)).toEqual({ temp: 20, door: "open" });
  });

  it("a new config is pushed with its response topic; the device's answer is its report; a late subscriber gets it", async () => {
    const device = await connected(["config"]);
    await until(() => getHub().sessionOf(device.id)?.filters.length === 1);
    const payload = await setDeviceConfig({
      partnerId: device.partnerId,
      actor: device.actor,
      deviceId: device.id,
      config: { volume: 3 },
    });
    expect(await pushConfig(getHub(), device.id, payload)).toBe(true);
    await until(() => device.received.length === 1);
    const pushed = device.received[0]!;
    expect(pushed.topic).toBe(`${device.prefix}/config`);
    expect(pushed.properties?.responseTopic).toBe(`${device.prefix}/config/update`);
    expect(JSON.parse(pushed.payload.toString())).toMatchObject({
      version: 1,
      config: { volume: 3 },
      device_id: device.id,
    });
    await device.client.publishAsync(`${device.prefix}/config/update`, pushed.payload, { qos: 1 });
    await until(
      async () => (await db.device.findUniqueOrThrow({ where: { id: device.id } })).reportedConfigVersion === 1,
    );

    // A device that has not applied the desired version gets it when it subscribes.
    const late = await connected([]);
    await setDeviceConfig({ partnerId: late.partnerId, actor: late.actor, deviceId: late.id, config: { volume: 5 } });
    await late.client.subscribeAsync(`${late.prefix}/config`, { qos: 1 });
    await until(() => late.received.length === 1);
    expect(JSON.parse(late.received[0]!.payload.toString())).toMatchObject({ version: 1, config: { volume: 5 } });
  });
});
