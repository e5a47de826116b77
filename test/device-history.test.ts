import { randomUUID } from "node:crypto";
import { connect as tcpConnect } from "node:net";
import mqttPacket from "mqtt-packet";
import type { MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { describeHistoryEvent, HISTORY_KINDS } from "@/lib/device-history/history-events";
import { deleteDevice, rotateDeviceKey, setDeviceEnabled } from "@/lib/server/data/devices/change-device";
import { flushHistory, recordHistoryEvent, unknownRefusalCount } from "@/lib/server/device-history/record-history";
import { flushHttpCalls } from "@/lib/server/device-history/record-http-call";
import { getHub } from "@/lib/server/start/start-hub";
import { body, call, deviceCall, modelWithKey } from "./support/device-api";
import { closedWithin, connectDevice } from "./support/hub";
import { useRunningTestHub } from "./support/running-hub";
import { scaled } from "./support/slowdown";

// The device's history as the hub sees it, for every cause the issue names,
// against the real broker (with its plugin) and the real database.
const hub = useRunningTestHub();
const clients: MqttClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.end(true);
});

async function registered(protocol: "MQTT" | "HTTP" = "MQTT") {
  const model = await modelWithKey(protocol);
  const { json } = await call("register", body(model.hardwareKey));
  return { ...model, id: json.id as string, key: json.access_key as string };
}

async function connectAs(id: string, key: string, extra: Parameters<typeof connectDevice>[3] = {}) {
  const result = await connectDevice(hub.current.url, id, key, extra);
  if (result.client) clients.push(result.client);
  return result;
}

/** The device's history (flushed), oldest first, as kinds with their described titles. */
async function history(deviceId: string) {
  flushHttpCalls(true);
  await flushHistory();
  const rows = await db.deviceEvent.findMany({ where: { deviceId }, orderBy: { id: "asc" } });
  return rows.map((row) => {
    const detail = JSON.parse(row.detail) as Record<string, unknown>;
    return { kind: row.kind, detail, title: describeHistoryEvent(row.kind, detail).title };
  });
}

/** Waits for the broker's log to reach the portal (it is read line by line). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = scaled(5_000)): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("[HISTORY] connects and refusals, with their cause", () => {
  it("an accepted connect names the protocol, keep-alive and address", async () => {
    const device = await registered();
    await connectAs(device.id, device.key, { keepalive: 30 });
    const events = await eventually(
      () => history(device.id),
      (e) => e.length > 0,
    );
    expect(events[0]).toMatchObject({
      kind: "mqtt.connected",
      detail: { protocolVersion: 5, keepAliveSeconds: 30, cleanStart: true },
      title: "Connected over MQTT v5",
    });
  });

  it.each([
    ["a wrong key", "wrong-key", async (d: { id: string; key: string }) => connectAs(d.id, `${d.key}x`)],
    [
      "MQTT 3.1.1",
      "protocol",
      async (d: { id: string; key: string }) => connectAs(d.id, d.key, { protocolVersion: 4 }),
    ],
    [
      "another client id",
      "client-id",
      async (d: { id: string; key: string }) => connectAs(d.id, d.key, { clientId: `sensor-${d.id.slice(0, 4)}` }),
    ],
    [
      "its serial number as username (client id right)",
      "username",
      async (d: { id: string; key: string }) => connectAs("SN-0001", d.key, { clientId: d.id }),
    ],
  ])("%s is refused and explained (%s)", async (_what, cause, attempt) => {
    const device = await registered();
    const { reasonCode } = await attempt(device);
    expect([135, 5]).toContain(reasonCode);
    const events = await eventually(
      () => history(device.id),
      (e) => e.length > 0,
    );
    expect(events[0]).toMatchObject({ kind: "mqtt.refused", detail: { cause } });
  });

  it("a disabled device and an HTTP model's device are refused with their cause", async () => {
    const disabled = await registered();
    await setDeviceEnabled({ ...disabled, deviceId: disabled.id, hub: getHub(), isEnabled: false });
    await connectAs(disabled.id, disabled.key);
    const httpDevice = await registered("HTTP");
    await connectAs(httpDevice.id, httpDevice.key);
    expect(
      (
        await eventually(
          () => history(disabled.id),
          (e) => e.length > 0,
        )
      )[0]?.detail.cause,
    ).toBe("disabled");
    expect(
      (
        await eventually(
          () => history(httpDevice.id),
          (e) => e.length > 0,
        )
      )[0]?.detail.cause,
    ).toBe("http-model");
  });

  it("ids that are no device (unknown, deleted) are counted, not stored", async () => {
    const device = await registered();
    await deleteDevice({ ...device, deviceId: device.id, hub: getHub() });
    const before = unknownRefusalCount();
    await connectAs(device.id, device.key);
    await connectAs(randomUUID(), "guess");
    await connectAs("not-a-device", "guess");
    const counted = await eventually(
      async () => {
        await flushHistory();
        return unknownRefusalCount() - before;
      },
      (n) => n >= 3,
    );
    expect(counted).toBe(3);
    expect(await db.deviceEvent.count({ where: { deviceId: device.id } })).toBe(0);
  });
});

describe("[HISTORY] subscriptions, refused topics and disconnects", () => {
  it("keeps each subscription with its grant, and refused subscribe and publish outside the device's topics", async () => {
    const device = await registered();
    const { client } = await connectAs(device.id, device.key);
    // MQTT.js rejects a SUBSCRIBE with a refused filter; the history is what counts here.
    await client!
      .subscribeAsync([`v1/device/${device.id}/commands`, "v1/device/+/commands"], { qos: 1 })
      .catch(() => undefined);
    await client!.publishAsync(`v1/device/${randomUUID()}/telemetry`, "{}", { qos: 1 }).catch(() => undefined);
    const events = await eventually(
      () => history(device.id),
      (e) => e.length >= 4,
    );
    expect(events.slice(1).map((e) => [e.kind, e.detail.isGranted ?? e.detail.topic])).toEqual([
      ["mqtt.subscribed", true],
      ["mqtt.subscribed", false],
      ["mqtt.publish-denied", expect.stringMatching(/^v1\/device\/.+\/telemetry$/) as unknown],
    ]);
  });

  it("says why a session ended: the device left, a takeover, a key rotation, a keep-alive timeout", async () => {
    const device = await registered();
    const first = await connectAs(device.id, device.key);
    const second = await connectAs(device.id, device.key); // takes the session over
    await closedWithin(first.client!, scaled(2_000));
    await second.client!.endAsync();
    const third = await connectAs(device.id, device.key);
    await rotateDeviceKey({ ...device, deviceId: device.id, hub: getHub() });
    await closedWithin(third.client!, scaled(2_000));

    // A device that goes silent: CONNECT with a 1 s keep-alive, then nothing (the broker waits 1.5 periods).
    const silent = await registered();
    const socket = tcpConnect(hub.current.mqttPort, "127.0.0.1");
    socket.write(
      mqttPacket.generate({
        cmd: "connect",
        protocolId: "MQTT",
        protocolVersion: 5,
        clean: true,
        clientId: silent.id,
        username: silent.id,
        password: Buffer.from(silent.key),
        keepalive: 1,
      }),
    );
    socket.on("error", () => undefined);
    const silentEvents = await eventually(
      () => history(silent.id),
      (e) => e.some((event) => event.kind === "mqtt.disconnected"),
      8_000,
    );
    socket.destroy();
    expect(silentEvents.map((e) => e.detail.cause ?? e.kind)).toEqual(["mqtt.connected", "keep-alive"]);

    const events = await eventually(
      () => history(device.id),
      (e) => e.filter((event) => event.kind === "mqtt.disconnected").length >= 3,
    );
    expect(events.filter((e) => e.kind === "mqtt.disconnected").map((e) => e.detail.cause)).toEqual([
      "taken-over",
      "client",
      "credentials-changed",
    ]);
  });
});

describe("[HISTORY] HTTP calls", () => {
  it("keeps failures with their cause, folds successes per endpoint and minute, and never names unknown ids", async () => {
    const device = await registered("HTTP");
    const telemetry = { status: "online", telemetries: { a: 1 } };
    for (let i = 0; i < 3; i++) await deviceCall("POST", device.id, "/telemetry", device.key, telemetry);
    await deviceCall("POST", device.id, "/telemetry", "wrong", telemetry);
    await deviceCall("GET", device.id, "/command", device.key);
    await deviceCall("POST", randomUUID(), "/telemetry", "wrong", telemetry);
    const events = await history(device.id);
    const failures = events.filter((e) => e.detail.status !== 200);
    expect(failures.map((e) => [e.detail.endpoint, e.detail.status, e.detail.message])).toEqual(
      expect.arrayContaining([
        ["/v1/devices/{id}/telemetry", 401, "the Authorization header is not the device's current access key"],
        ["/v1/devices/{id}/command", 404, "no command is waiting for this device"],
      ]),
    );
    expect(failures).toHaveLength(2);
    // Successes fold per endpoint and minute: calls that straddle a minute boundary make two rows.
    const successes = events.filter((e) => e.detail.status === 200);
    expect(successes.length).toBeLessThanOrEqual(2);
    expect(successes.every((e) => e.detail.endpoint === "/v1/devices/{id}/telemetry")).toBe(true);
    expect(successes.reduce((sum, e) => sum + Number(e.detail.count), 0)).toBe(3);
  });

  it("[SECURITY] calls without the device's key cannot crowd its own events out of the minute", async () => {
    const device = await registered("HTTP");
    // One minute, fixed, so the quota is not split by a minute's end.
    const at = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const wrongKey = { method: "GET", endpoint: "/v1/devices/{id}/command", status: 401 };
    for (let i = 0; i < 80; i++)
      recordHistoryEvent({ deviceId: device.id, at, kind: HISTORY_KINDS.httpCall, detail: wrongKey });
    const own = { method: "GET", endpoint: "/v1/devices/{id}/command", status: 404 };
    recordHistoryEvent({ deviceId: device.id, at, kind: HISTORY_KINDS.httpCall, detail: own });
    const events = await history(device.id);
    expect(events.filter((e) => e.detail.status === 404)).toHaveLength(1);
    expect(events.filter((e) => e.detail.status === 401)).toHaveLength(60);
    expect(events.filter((e) => e.kind === HISTORY_KINDS.summary).map((e) => e.title)).toEqual([
      "More attempts without the device's key this minute than are kept one by one",
    ]);
  });

  it("[SECURITY] a wrong key over HTTP is recorded as an attempt without the key", async () => {
    const device = await registered("HTTP");
    for (let i = 0; i < 3; i++) await deviceCall("GET", device.id, "/command", "not-the-key");
    await deviceCall("GET", device.id, "/command", device.key);
    const events = await history(device.id);
    expect(events.map((e) => e.detail.status)).toEqual([401, 401, 401, 404]);
  });
});
