import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { editDeviceInfo } from "@/lib/server/data/devices/edit-device-info";
import { editDeviceSchema } from "@/lib/schemas/device-update";
import { body, call, deviceCall, modelWithKey } from "./support/device-api";
import { makeTeam } from "./support/team";
import { useRunningTestHub } from "./support/running-hub";

// Get Device Info and info_version: the firmware reads what members set
// (name, details) when the telemetry answer says it changed; Update Device
// keeps every field Xyte defines, a parent only within the partner.

useRunningTestHub();

async function devices(count: number) {
  const model = await modelWithKey("HTTP");
  const registered: Array<{ id: string; key: string }> = [];
  for (let i = 0; i < count; i += 1) {
    const { status, json } = await call("register", body(model.hardwareKey, { mac: `02:00:00:00:${10 + i}:01` }));
    if (status !== 201) throw new Error(`registration answered ${status}: ${JSON.stringify(json)}`);
    registered.push({ id: json.id as string, key: json.access_key as string });
  }
  return { ...model, devices: registered };
}

const infoVersion = async (device: { id: string; key: string }) =>
  (await deviceCall("POST", device.id, "/telemetry", device.key, { status: "online", telemetries: {} })).json
    .info_version;

describe("Get Device Info (GET /v1/devices/{id})", () => {
  it("answers the device as the portal knows it, and info_version grows with each member's edit", async () => {
    const { partnerId, actor, modelId, devices: list } = await devices(1);
    const [device] = list as [{ id: string; key: string }];
    const first = await deviceCall("GET", device.id, "", device.key);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      id: device.id,
      device_id: device.id,
      name: null,
      mac: "02:00:00:00:10:01",
      model: { id: modelId, sub_model: null },
      firmware_version: "1.4.2",
      firmware: { version: "1.4.2" },
      details: null,
      parent_id: null,
      info_version: 0,
      config_version: 0,
    });
    expect(await infoVersion(device)).toBe(0);

    const input = editDeviceSchema.parse({ deviceId: device.id, name: "Lobby", details: '{"room": "4.12"}' });
    expect(await editDeviceInfo({ partnerId, actor, input })).toEqual({ infoVersion: 1 });
    expect(await infoVersion(device)).toBe(1);
    expect((await deviceCall("GET", device.id, "", device.key)).json).toMatchObject({
      name: "Lobby",
      details: { room: "4.12" },
      info_version: 1,
    });
    // The same values again (spaced differently) change nothing, and are not news to the firmware.
    const same = editDeviceSchema.parse({ deviceId: device.id, name: "Lobby", details: '{"room":"4.12"}' });
    expect(await editDeviceInfo({ partnerId, actor, input: same })).toEqual({ infoVersion: 1 });
    const cleared = editDeviceSchema.parse({ deviceId: device.id, name: "", details: "" });
    expect(await editDeviceInfo({ partnerId, actor, input: cleared })).toEqual({ infoVersion: 2 });
    expect(await infoVersion(device)).toBe(2);

    const audit = await db.auditEvent.findMany({
      where: { targetId: device.id, action: "device.edit" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => event.summary)).toEqual([
      expect.stringMatching(/^Renamed device .+ to "Lobby" and edited its details$/) as string,
      expect.stringMatching(/^Renamed device .+ to no name and edited its details$/) as string,
    ]);

    // Another partner's member finds no such device; a wrong key gets the usual 401.
    const stranger = await makeTeam("Stranger");
    await expect(editDeviceInfo({ partnerId: stranger.partnerId, actor: stranger.actor, input })).rejects.toMatchObject(
      { status: 404 },
    );
    expect((await deviceCall("GET", device.id, "", "wrong")).status).toBe(401);
  });

  it("the edit form refuses details that are not a JSON object, with a message", () => {
    for (const details of ["[1, 2]", "not json", '"text"', "42"]) {
      const parsed = editDeviceSchema.safeParse({ deviceId: "d", name: "x", details });
      expect(parsed.success, details).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/Details must be a JSON object/);
    }
    expect(editDeviceSchema.safeParse({ deviceId: "d", name: "x".repeat(129), details: "" }).success).toBe(false);
  });
});

describe("Update Device keeps every field Xyte defines", () => {
  it("keeps space_version and a parent of the same partner, and refuses any other parent with nothing written", async () => {
    const { devices: list } = await devices(2);
    const [child, gateway] = list as [{ id: string; key: string }, { id: string; key: string }];
    const other = (await devices(1)).devices[0]!;

    const ok = await deviceCall("PUT", child.id, "", child.key, { parent_id: gateway.id, space_version: "12" });
    expect(ok.status).toBe(200);
    expect((await deviceCall("GET", child.id, "", child.key)).json).toMatchObject({
      parent_id: gateway.id,
      space_version: "12",
    });

    const refusals: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: "Moved", parent_id: child.id }, /parent_id: must not be the device itself/],
      [{ name: "Moved", parent_id: other.id }, /parent_id: no such device of this partner/],
      [{ name: "Moved", parent_id: "gateway-1" }, /parent_id: must be a device id/],
      [{ name: "Moved", space_version: -1 }, /space_version/],
    ];
    for (const [input, message] of refusals) {
      const answer = await deviceCall("PUT", child.id, "", child.key, input);
      expect(answer.status, JSON.stringify(input)).toBe(422);
      expect(answer.json.error).toMatch(message);
    }
    const row = await db.device.findUniqueOrThrow({ where: { id: child.id } });
    expect([row.name, row.parentId]).toEqual([null, gateway.id]);

    // null detaches it from its gateway.
    expect((await deviceCall("PUT", child.id, "", child.key, { parent_id: null })).status).toBe(200);
    expect((await db.device.findUniqueOrThrow({ where: { id: child.id } })).parentId).toBeNull();
  });
});
