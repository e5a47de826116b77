import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { queueCommand } from "@/lib/server/data/commands/queue-command";
import { expireCommands } from "@/lib/server/data/commands/expire-commands";
import { setDeviceConfig } from "@/lib/server/data/config/set-device-config";
import { setModelDefaultConfig } from "@/lib/server/data/models/set-model-default-config";
import { setDeviceEnabled, deleteDevice } from "@/lib/server/data/devices/change-device";
import { getHub } from "@/lib/server/start/start-hub";
import { body, call, deviceCall, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";

useRunningTestHub();

async function registered(protocol: "MQTT" | "HTTP" = "HTTP", extra: Record<string, unknown> = {}) {
  const model = await modelWithKey(protocol);
  const { json } = await call("register", body(model.hardwareKey, extra));
  return { ...model, id: json.id as string, key: json.access_key as string };
}

const telemetry = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  status: "online",
  telemetries: values,
  ...extra,
});

describe("[CONVERSATION] telemetry over HTTP", () => {
  it("stores each message and merges the device's state: later values win, null removes, override starts over", async () => {
    const device = await registered();
    const first = await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({ temp: 21.5, mode: "eco" }));
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      success: true,
      config_version: 0,
      command: false,
      info_version: 0,
      new_licenses: false,
      latest_fw_version: null,
      latest_fw_file_id: null,
    });
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({ temp: 22, fan: true }));
    await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({ mode: null }, { status: "error" }));
    let row = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(JSON.parse(row.telemetryState!)).toEqual({ temp: 22, fan: true });
    expect(row.telemetryStatus).toBe("error");
    expect(row.lastSeenAt).toBeInstanceOf(Date);

    await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({ rssi: -60 }, { override: true }));
    row = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(JSON.parse(row.telemetryState!)).toEqual({ rssi: -60 });
    expect(await db.telemetryMessage.count({ where: { deviceId: device.id } })).toBe(4);

    const minutes = await db.telemetryMinute.findMany({ where: { deviceId: device.id, key: "temp" } });
    expect(minutes.reduce((sum, m) => sum + m.count, 0)).toBe(2);
    expect(Math.max(...minutes.map((m) => m.max))).toBe(22);
  });

  it("charts a message at the device's own time when it sends one", async () => {
    const device = await registered();
    const timestamp = "2026-01-01T10:00:30Z";
    await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({ temp: 5 }, { timestamp }));
    const [minute] = await db.telemetryMinute.findMany({ where: { deviceId: device.id } });
    expect(minute?.minute).toBe(Math.floor(Date.parse(timestamp) / 60_000));
  });

  it("answers bad input with the reason and stores nothing of it", async () => {
    const device = await registered();
    const cases: Array<[unknown, number, RegExp]> = [
      [telemetry({ nested: { a: 1 } }), 422, /telemetries\.nested: must be a number, a boolean, a string or null/],
      [{ telemetries: { a: 1 } }, 422, /status: is required/],
      [telemetry({ a: 1 }, { status: "sleeping" }), 422, /status: must be "online", "offline" or "error"/],
      [telemetry({ a: "x".repeat(1_001) }), 422, /at most 1000 bytes/],
      [telemetry({ a: 1 }, { timestamp: "yesterday" }), 422, /timestamp: must be an ISO 8601 time/],
      [[1, 2], 422, /body: must be a JSON object/],
    ];
    for (const [payload, status, message] of cases) {
      const answer = await deviceCall("POST", device.id, "/telemetry", device.key, payload);
      expect(answer.status, JSON.stringify(payload)).toBe(status);
      expect(answer.json.error).toMatch(message);
    }
    const notJson = await deviceCall("POST", device.id, "/telemetry", device.key, undefined, {
      raw: "{",
      contentType: "application/json",
    });
    expect(notJson.status).toBe(422);
    const text = await deviceCall("POST", device.id, "/telemetry", device.key, undefined, {
      raw: "a=1",
      contentType: "text/plain",
    });
    expect(text.status).toBe(415);
    const huge = await deviceCall(
      "POST",
      device.id,
      "/telemetry",
      device.key,
      telemetry({ a: "y".repeat(140 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(await db.telemetryMessage.count({ where: { deviceId: device.id } })).toBe(0);
  });

  it("401 on every call with a wrong key, and once the device is disabled or deleted", async () => {
    const device = await registered("MQTT");
    const paths = [
      ["POST", "/telemetry", telemetry({ a: 1 })],
      ["GET", "/command", undefined],
      ["POST", "/command", { id: "x", status: "done" }],
      ["GET", "/config", undefined],
      ["POST", "/config", { version: 1, config: {} }],
      ["PUT", "", { name: "x" }],
      ["GET", "/licenses", undefined],
    ] as const;
    for (const [method, path, payload] of paths) {
      expect((await deviceCall(method, device.id, path, "wrong", payload)).status, `${method} ${path}`).toBe(401);
      expect((await deviceCall(method, device.id, path, null, payload)).status).toBe(401);
    }
    const change = {
      partnerId: device.partnerId,
      actor: { userId: null, label: "test" },
      deviceId: device.id,
      hub: getHub(),
    };
    await setDeviceEnabled({ ...change, isEnabled: false });
    expect((await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({ a: 1 }))).status).toBe(401);
    await setDeviceEnabled({ ...change, isEnabled: true });
    expect((await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({ a: 1 }))).status).toBe(200);
    await deleteDevice(change);
    for (const [method, path, payload] of paths) {
      expect((await deviceCall(method, device.id, path, device.key, payload)).status, `${method} ${path}`).toBe(401);
    }
  });
});

describe("[CONVERSATION] config over HTTP", () => {
  it("a new device starts from its model's default; versions only grow; the device reports what it applied", async () => {
    const model = await modelWithKey("HTTP");
    await setModelDefaultConfig({ ...model, modelId: model.modelId, config: { brightness: 40 } });
    const { json } = await call("register", body(model.hardwareKey));
    const device = { id: json.id as string, key: json.access_key as string };

    const first = await deviceCall("GET", device.id, "/config", device.key);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ version: 1, config: { brightness: 40 }, device_id: device.id });
    expect(typeof first.json.last_updated).toBe("string");

    await setDeviceConfig({ ...model, deviceId: device.id, config: { brightness: 70 } });
    const answer = await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({}));
    expect(answer.json.config_version).toBe(2);
    const second = await deviceCall("GET", device.id, "/config", device.key);
    expect(second.json).toMatchObject({ version: 2, config: { brightness: 70 } });

    // Xyte's current form, {version, config}, as the reference agent posts the config back.
    expect((await deviceCall("POST", device.id, "/config", device.key, second.json)).status).toBe(200);
    let row = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(row.reportedConfigVersion).toBe(2);
    const history = await db.deviceConfig.findMany({ where: { deviceId: device.id }, orderBy: { version: "asc" } });
    expect(history.map((h) => [h.version, h.source])).toEqual([
      [1, "model default"],
      [2, model.actor.label],
    ]);

    // The older form, fields beside the version; a version above the desired one is a change on the device.
    expect((await deviceCall("POST", device.id, "/config", device.key, { version: 3, brightness: 10 })).status).toBe(
      200,
    );
    row = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect([row.configVersion, row.reportedConfigVersion, JSON.parse(row.config!)]).toEqual([3, 3, { brightness: 10 }]);

    for (const bad of [{ config: {} }, { version: "two" }, { version: 4, config: [1] }]) {
      const refused = await deviceCall("POST", device.id, "/config", device.key, bad);
      expect(refused.status, JSON.stringify(bad)).toBe(422);
    }
  });
});

describe("[CONVERSATION] commands over HTTP", () => {
  it("queued → flagged in the telemetry answer → fetched oldest first → in_progress → done", async () => {
    const device = await registered();
    const partner = { partnerId: device.partnerId, actor: device.actor, deviceId: device.id };
    expect((await deviceCall("GET", device.id, "/command", device.key)).status).toBe(404);
    const reboot = await queueCommand({ ...partner, command: { name: "reboot", parameters: {} } });
    const update = await queueCommand({
      ...partner,
      command: {
        name: "update_firmware",
        parameters: { url: "https://example.com/fw.bin", version: "2.0.0", checksum: "abc" },
      },
    });
    expect((await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({}))).json.command).toBe(true);
    const next = await deviceCall("GET", device.id, "/command", device.key);
    expect(next.json).toEqual({
      id: reboot.id,
      device_id: device.id,
      name: "reboot",
      parameters: {},
      status: "pending",
    });

    const move = (id: string, status: string, message?: string) =>
      deviceCall("POST", device.id, "/command", device.key, { id, status, ...(message ? { message } : {}) });
    expect((await move(reboot.id, "in_progress")).status).toBe(200);
    expect((await move(reboot.id, "in_progress")).status).toBe(200); // a retry
    expect((await deviceCall("GET", device.id, "/command", device.key)).json.status).toBe("in_progress");
    expect((await move(reboot.id, "done", "rebooted")).status).toBe(200);
    expect((await move(reboot.id, "in_progress")).status).toBe(409);
    expect((await move(reboot.id, "pending")).status).toBe(409);
    expect((await deviceCall("GET", device.id, "/command", device.key)).json.id).toBe(update.id);
    expect((await move(update.id, "error", "flash failed")).status).toBe(200);
    expect((await move(update.id, "done")).status).toBe(409);
    expect((await deviceCall("POST", device.id, "/telemetry", device.key, telemetry({}))).json.command).toBe(false);

    const stored = await db.deviceCommand.findUniqueOrThrow({ where: { id: update.id }, include: { updates: true } });
    expect([stored.status, stored.message]).toEqual(["failed", "flash failed"]);
    expect(stored.updates.map((u) => [u.status, u.via])).toEqual([
      ["pending", "portal"],
      ["failed", "http"],
    ]);
  });

  it("refuses a foreign or unknown id with 404 and a malformed update with 422", async () => {
    const device = await registered();
    const other = await registered();
    const foreign = await queueCommand({
      partnerId: other.partnerId,
      actor: other.actor,
      deviceId: other.id,
      command: { name: "dump", parameters: {} },
    });
    expect(
      (await deviceCall("POST", device.id, "/command", device.key, { id: foreign.id, status: "done" })).status,
    ).toBe(404);
    expect((await deviceCall("POST", device.id, "/command", device.key, { id: "nope", status: "done" })).status).toBe(
      404,
    );
    const bad = await deviceCall("POST", device.id, "/command", device.key, { id: foreign.id, status: "finished" });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatch(/^status: /);
  });

  it("a command nobody finishes expires", async () => {
    const device = await registered();
    const command = await queueCommand({
      partnerId: device.partnerId,
      actor: device.actor,
      deviceId: device.id,
      command: { name: "reboot", parameters: {} },
    });
    const stored = await db.deviceCommand.findUniqueOrThrow({ where: { id: command.id } });
    expect(await expireCommands(new Date(stored.expiresAt.getTime() + 1))).toBeGreaterThanOrEqual(1);
    expect((await db.deviceCommand.findUniqueOrThrow({ where: { id: command.id } })).status).toBe("expired");
    expect((await deviceCall("GET", device.id, "/command", device.key)).status).toBe(404);
    expect(
      (await deviceCall("POST", device.id, "/command", device.key, { id: command.id, status: "done" })).status,
    ).toBe(409);
  });
});

describe("[CONVERSATION] update device over HTTP", () => {
  it("stores what the device says, audits a firmware change, names unknown fields, and throttles", async () => {
    const device = await registered();
    const ok = await deviceCall("PUT", device.id, "", device.key, {
      firmware_version: "1.5.0",
      name: "Lobby display",
      sub_model: "XL",
      details: { floor: 3 },
      config_version: 0,
      host_address: "10.0.0.7",
      space_version: 7,
    });
    expect(ok.status).toBe(200);
    const row = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect([row.firmwareVersion, row.name, row.subModel, row.hostAddress, row.details, row.spaceVersion]).toEqual([
      "1.5.0",
      "Lobby display",
      "XL",
      "10.0.0.7",
      '{"floor":3}',
      "7",
    ]);
    const audit = await db.auditEvent.findMany({ where: { targetId: device.id, action: "device.firmware" } });
    expect(audit.map((a) => a.summary)).toEqual(["Firmware 1.4.2 → 1.5.0"]);

    const unknown = await deviceCall("PUT", device.id, "", device.key, { name: "x", colour: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toBe("body: unknown field colour");
    const invalid = await deviceCall("PUT", device.id, "", device.key, { firmware_version: "one" });
    expect(invalid.status).toBe(422);

    // 10 an hour (the two refused above were not counted: they never reached the limit).
    for (let i = 1; i < 10; i++)
      expect((await deviceCall("PUT", device.id, "", device.key, { name: `n${i}` })).status).toBe(200);
    const throttled = await deviceCall("PUT", device.id, "", device.key, { name: "eleventh" });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("licenses: none here, and a named one is unknown", async () => {
    const device = await registered();
    const list = await deviceCall("GET", device.id, "/licenses", device.key);
    expect([list.status, list.json]).toEqual([200, []]);
    expect((await deviceCall("POST", device.id, "/licenses", device.key, { id: "lic-1", state: "inuse" })).status).toBe(
      404,
    );
  });
});
