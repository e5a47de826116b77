import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { flushAuditEvents } from "@/lib/server/data/audit/audit-buffer";
import { queueCommand } from "@/lib/server/data/commands/queue-command";
import { updateCommandStatus } from "@/lib/server/data/commands/update-command-status";
import { body, call, deviceCall, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";
import { makeModel } from "./support/partners";

// The rest of Xyte's device calls about the device itself: a gateway's
// children and their pending commands, Get Space Info, and a device
// deleting itself.

useRunningTestHub();

async function fleet(count: number) {
  const model = await modelWithKey("HTTP");
  const registered: Array<{ id: string; key: string }> = [];
  for (let i = 0; i < count; i += 1) {
    const { status, json } = await call("register", body(model.hardwareKey));
    if (status !== 201) throw new Error(`registration answered ${status}: ${JSON.stringify(json)}`);
    registered.push({ id: json.id as string, key: json.access_key as string });
  }
  return { ...model, devices: registered };
}

describe("Get Commands with Children (GET /v1/devices/{id}/command/pending_commands)", () => {
  it("answers the gateway's unfinished commands and its children's, oldest first, and nobody else's", async () => {
    const team = await fleet(3);
    const [gateway, child, other] = team.devices as [
      (typeof team.devices)[0],
      (typeof team.devices)[0],
      (typeof team.devices)[0],
    ];
    expect((await deviceCall("PUT", child.id, "", child.key, { parent_id: gateway.id })).status).toBe(200);
    const send = (deviceId: string, name: string) =>
      queueCommand({ partnerId: team.partnerId, actor: team.actor, deviceId, command: { name, parameters: {} } });
    const first = await send(gateway.id, "reboot");
    const second = await send(child.id, "sync_clock");
    // Apart in time, so "oldest first" is the order the test can check.
    await db.deviceCommand.update({ where: { id: first.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await send(other.id, "reboot");
    const finished = await send(child.id, "blink");
    await updateCommandStatus({ deviceId: child.id, update: { id: finished.id, status: "done" }, via: "http" });

    const pending = await deviceCall("GET", gateway.id, "/command/pending_commands", gateway.key);
    expect(pending.status).toBe(200);
    expect(pending.json).toEqual([
      { id: first.id, device_id: gateway.id, name: "reboot", parameters: {}, status: "pending" },
      { id: second.id, device_id: child.id, name: "sync_clock", parameters: {}, status: "pending" },
    ]);
    // A child sees only its own; a device with nothing waiting gets an empty list.
    const own = await deviceCall("GET", child.id, "/command/pending_commands", child.key);
    expect((own.json as unknown as Array<{ id: string }>).map((command) => command.id)).toEqual([second.id]);
    await updateCommandStatus({ deviceId: gateway.id, update: { id: first.id, status: "done" }, via: "http" });
    await updateCommandStatus({ deviceId: child.id, update: { id: second.id, status: "failed" }, via: "http" });
    expect((await deviceCall("GET", gateway.id, "/command/pending_commands", gateway.key)).json).toEqual([]);
    expect((await deviceCall("GET", gateway.id, "/command/pending_commands", child.key)).status).toBe(401);
  });
});

describe("Get Space Info (GET /v1/devices/{id}/space)", () => {
  it("answers Xyte's shape for a device placed in no space", async () => {
    const { devices } = await fleet(1);
    const [device] = devices as [(typeof devices)[0]];
    const space = await deviceCall("GET", device.id, "/space", device.key);
    expect(space.status).toBe(200);
    expect(space.json).toMatchObject({
      device_id: device.id,
      name: null,
      location: null,
      temperature_units: "celsius",
      maintenance: false,
    });
    expect(space.json.local_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    expect((await deviceCall("GET", device.id, "/space", "wrong")).status).toBe(401);
  });
});

describe("Delete Device (DELETE /v1/devices/{id})", () => {
  it("removes the device, audited as the device; every later call is a 401 and it may register again", async () => {
    const team = await fleet(2);
    const [device, neighbour] = team.devices as [(typeof team.devices)[0], (typeof team.devices)[0]];
    // Another device's key deletes nothing.
    expect((await deviceCall("DELETE", device.id, "", neighbour.key)).status).toBe(401);
    const sn = (await db.device.findUniqueOrThrow({ where: { id: device.id } })).sn;

    const deleted = await deviceCall("DELETE", device.id, "", device.key);
    expect(deleted).toMatchObject({ status: 200, json: { success: true } });
    expect(await db.device.count({ where: { id: device.id } })).toBe(0);
    expect(await db.device.count({ where: { id: neighbour.id } })).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: device.id, action: "device.delete" } });
    expect(audit.actorLabel).toBe(`the device ${sn} itself`);
    for (const path of ["", "/telemetry", "/space"] as const) {
      const method = path === "/telemetry" ? "POST" : "GET";
      const answer = await deviceCall(
        method,
        device.id,
        path,
        device.key,
        method === "POST" ? { status: "online", telemetries: {} } : undefined,
      );
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
    }
    expect((await deviceCall("DELETE", device.id, "", device.key)).status).toBe(401);
    // It registers again with the same serial number, as Xyte's agent does after a 401.
    expect((await call("register", body(team.hardwareKey, { sn }))).status).toBe(201);
  });
});

describe("Child devices (POST and GET /v1/devices/{id}/children)", () => {
  it("a gateway registers devices of its partner's models behind it, which then call as themselves", async () => {
    const team = await fleet(1);
    const [gateway] = team.devices as [(typeof team.devices)[0]];
    const gatewaySn = (await db.device.findUniqueOrThrow({ where: { id: gateway.id } })).sn;
    const sensorModel = await makeModel(team, { protocol: "MQTT" });

    const child = await deviceCall("POST", gateway.id, "/children", gateway.key, {
      model_id: sensorModel,
      firmware_version: "0.3.0",
      sn: "SENSOR-1",
      name: "Door sensor",
      details: { zone: 2 },
    });
    expect(child.status).toBe(201);
    expect(Object.keys(child.json).sort()).toEqual([
      "access_key",
      "hub_url",
      "hub_url_static_cert",
      "id",
      "mqtt_hub_url",
    ]);
    const childId = child.json.id as string;
    expect(await db.device.findUniqueOrThrow({ where: { id: childId } })).toMatchObject({
      partnerId: team.partnerId,
      modelId: sensorModel,
      parentId: gateway.id,
      hardwareKeyId: null,
      sn: "SENSOR-1",
      name: "Door sensor",
      details: '{"zone":2}',
    });
    // The child calls with its own id and key; without an sn it is named after its gateway.
    const report = await deviceCall("POST", childId, "/telemetry", child.json.access_key as string, {
      status: "online",
      telemetries: { open: false },
    });
    expect(report.status).toBe(200);
    const unnamed = await deviceCall("POST", gateway.id, "/children", gateway.key, {
      model_id: sensorModel,
      firmware_version: "0.3.0",
    });
    expect(unnamed.status).toBe(201);
    const generated = await db.device.findUniqueOrThrow({ where: { id: unnamed.json.id as string } });
    expect(generated.sn).toMatch(new RegExp(`^${gatewaySn}-child-[0-9a-f]{8}$`));

    const children = await deviceCall("GET", gateway.id, "/children", gateway.key);
    expect(children.status).toBe(200);
    expect(children.json).toMatchObject([
      { id: childId, sn: "SENSOR-1", model_id: sensorModel, firmware_version: "0.3.0", is_enabled: true },
      { id: generated.id },
    ]);
    expect((await deviceCall("GET", childId, "/children", child.json.access_key as string)).json).toEqual([]);
    // The audit log is written behind the answer; once flushed, it names the gateway.
    await flushAuditEvents();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: childId, action: "device.register" } });
    expect(audit.actorLabel).toBe(`gateway ${gatewaySn}`);
  });

  it("refuses another partner's model, a bad body and a taken serial number, writing nothing", async () => {
    const team = await fleet(1);
    const stranger = await modelWithKey("HTTP");
    const [gateway] = team.devices as [(typeof team.devices)[0]];
    const before = await db.device.count();
    const refusals: Array<[unknown, number, string]> = [
      [{ model_id: stranger.modelId, firmware_version: "1.0.0" }, 422, "model_id: no such model for this partner"],
      [{ model_id: "no-such-model", firmware_version: "1.0.0" }, 422, "model_id: no such model for this partner"],
      [{ model_id: team.modelId }, 422, "firmware_version: is required"],
      [{ model_id: team.modelId, firmware_version: "1.0" }, 422, "firmware_version: must be SemVer like 1.2.3"],
      [[1, 2], 422, "body: must be a JSON object"],
    ];
    for (const [payload, status, error] of refusals) {
      const answer = await deviceCall("POST", gateway.id, "/children", gateway.key, payload);
      expect({ payload, status: answer.status, error: answer.json.error }).toEqual({ payload, status, error });
    }
    expect(await db.device.count()).toBe(before);
    const first = await deviceCall("POST", gateway.id, "/children", gateway.key, {
      model_id: team.modelId,
      firmware_version: "1.0.0",
      sn: "TWICE",
    });
    expect(first.status).toBe(201);
    const again = await deviceCall("POST", gateway.id, "/children", gateway.key, {
      model_id: team.modelId,
      firmware_version: "1.0.0",
      sn: "TWICE",
    });
    expect(again).toMatchObject({ status: 409, json: { error: "sn: already registered for this model" } });
    expect((await deviceCall("POST", gateway.id, "/children", "wrong-key", { model_id: team.modelId })).status).toBe(
      401,
    );
  });
});
