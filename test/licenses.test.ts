import { createVerify } from "node:crypto";
import type { IPublishPacket, MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { announceLicenses } from "@/lib/server/device-conversation/announce-licenses";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { issueLicense } from "@/lib/server/data/licenses/issue-license";
import { createLicenseType } from "@/lib/server/data/licenses/license-types";
import { revokeLicense } from "@/lib/server/data/licenses/revoke-license";
import { licensePublicKey } from "@/lib/server/data/licenses/signing-key";
import { issueLicenseSchema, type LicenseAnswer } from "@/lib/schemas/license";
import { body, call, deviceCall } from "./support/device-api";
import { makeModel } from "./support/partners";
import { makeTeam, type Team } from "./support/team";
import { useRunningTestHub } from "./support/running-hub";
import { connectDevice } from "./support/hub";

// Licences end to end below the browser, as Xyte's agent handles them: the
// telemetry answer's new_licenses, the list with add / remove, the signature
// the firmware verifies with the partner's public key, the states the device
// reports, and every refusal.

const hub = useRunningTestHub();
const clients: MqttClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.end(true);
});

type Device = { id: string; key: string };

async function fleet(size: number, protocol: "HTTP" | "MQTT" = "HTTP") {
  const team = await makeTeam("Licences");
  const modelId = await makeModel(team, { protocol });
  const key = await createHardwareKey({ ...team, input: { modelId, label: "Batch", expectedDevices: null } });
  const devices: Device[] = [];
  for (let i = 0; i < size; i += 1) {
    const { status, json } = await call("register", body(key.secret));
    if (status !== 201) throw new Error(`registration answered ${status}: ${JSON.stringify(json)}`);
    devices.push({ id: json.id as string, key: json.access_key as string });
  }
  const type = await createLicenseType({ ...team, input: { modelId, name: "Pro", description: "Pro features" } });
  return { team, modelId, devices, typeId: type.id };
}

const issue = (team: Team, fields: Record<string, string>) =>
  issueLicense({ ...team, input: issueLicenseSchema.parse({ ...fields, data: fields.data ?? "" }) });

const newLicenses = async (device: Device) =>
  (await deviceCall("POST", device.id, "/telemetry", device.key, { status: "online" })).json.new_licenses;

const licenses = async (device: Device) =>
  (await deviceCall("GET", device.id, "/licenses", device.key)).json as unknown as LicenseAnswer[];

describe("licences (Xyte's device API)", () => {
  it("runs the agent's loop: told, fetched, verified, applied, revoked, removed", async () => {
    const { team, devices, typeId } = await fleet(1);
    const [device] = devices as [Device];
    expect(await newLicenses(device)).toBe(false);

    const issued = await issue(team, { deviceId: device.id, typeId, data: '{"seats": 10}', expiresOn: "2099-12-31" });
    expect(await newLicenses(device)).toBe(true);
    const [offered] = await licenses(device);
    expect(offered).toMatchObject({
      id: issued.id,
      device_id: device.id,
      type: "Pro",
      data: { seats: 10 },
      add: true,
      remove: false,
      update: false,
      expires_at: "2099-12-31T23:59:59.000Z",
      state: "pending",
    });
    // Bound to this device and licence, and signed with the key the model page shows.
    expect(JSON.parse(offered!.signed_data)).toEqual({
      license_id: issued.id,
      device_id: device.id,
      type: "Pro",
      data: { seats: 10 },
      expires_at: "2099-12-31T23:59:59.000Z",
    });
    const publicKey = await licensePublicKey(team.partnerId);
    const verifies = (text: string) =>
      createVerify("sha256").update(text).verify(publicKey, offered!.signature, "base64");
    expect(verifies(offered!.signed_data)).toBe(true);
    expect(verifies(offered!.signed_data.replace('"seats":10', '"seats":99'))).toBe(false);
    // The private half is never stored in the clear.
    const stored = await db.partnerSigningKey.findUniqueOrThrow({ where: { partnerId: team.partnerId } });
    expect(stored.privateKeyEncrypted).not.toMatch(/PRIVATE KEY/);

    // The agent applies it and says so.
    const applied = await deviceCall("POST", device.id, "/licenses", device.key, { id: issued.id, state: "inuse" });
    expect(applied).toMatchObject({ status: 200, json: { success: true, state: "inuse" } });
    expect(await newLicenses(device)).toBe(false);
    expect((await licenses(device))[0]).toMatchObject({ add: false, remove: false, state: "inuse" });

    await revokeLicense({ ...team, licenseId: issued.id });
    expect(await newLicenses(device)).toBe(true);
    expect((await licenses(device))[0]).toMatchObject({ add: false, remove: true });
    // Xyte's /license answers the same.
    expect((await deviceCall("GET", device.id, "/license", device.key)).json).toEqual(await licenses(device));
    await deviceCall("POST", device.id, "/licenses", device.key, { id: issued.id, state: "removed" });
    expect(await newLicenses(device)).toBe(false);
    expect(await licenses(device)).toEqual([]);
    await expect(revokeLicense({ ...team, licenseId: issued.id })).rejects.toMatchObject({ status: 409 });
  });

  it("a licence revoked before the device applied it is removed at once; an error is kept with its message", async () => {
    const { team, devices, typeId } = await fleet(1);
    const [device] = devices as [Device];
    const never = await issue(team, { deviceId: device.id, typeId });
    await revokeLicense({ ...team, licenseId: never.id });
    expect(await newLicenses(device)).toBe(false);
    expect(await licenses(device)).toEqual([]);

    const failing = await issue(team, { deviceId: device.id, typeId });
    const report = { id: failing.id, state: "error", error: "feature not in this hardware revision" };
    expect((await deviceCall("POST", device.id, "/licenses", device.key, report)).status).toBe(200);
    const row = await db.deviceLicense.findUniqueOrThrow({ where: { id: failing.id } });
    expect([row.state, row.error]).toEqual(["error", "feature not in this hardware revision"]);
    // Not offered again by itself: the partner revokes it (the device is then told to remove it) or issues anew.
    expect(await newLicenses(device)).toBe(false);
  });

  it("refuses what a device or a member may not do, changing nothing", async () => {
    const { team, devices, typeId } = await fleet(2);
    const [device, other] = devices as [Device, Device];
    const license = await issue(team, { deviceId: device.id, typeId });
    const refusals: Array<[Device, unknown, number, RegExp]> = [
      [other, { id: license.id, state: "inuse" }, 404, /no license/],
      [device, { id: "lic_unknown", state: "inuse" }, 404, /no license lic_unknown/],
      [device, { id: license.id, state: "installed" }, 422, /state: must be one of pending, inuse, removed, error/],
      [device, { state: "inuse" }, 422, /id: is required/],
    ];
    for (const [caller, input, status, message] of refusals) {
      const answer = await deviceCall("POST", caller.id, "/licenses", caller.key, input);
      expect(answer.status, JSON.stringify(input)).toBe(status);
      expect(answer.json.error).toMatch(message);
    }
    expect((await db.deviceLicense.findUniqueOrThrow({ where: { id: license.id } })).state).toBe("pending");

    // A type of another model, another partner's device, bad data or a past expiry.
    const otherModel = await makeModel(team, { protocol: "HTTP" });
    const foreignType = await createLicenseType({
      ...team,
      input: { modelId: otherModel, name: "Pro", description: null },
    });
    await expect(issue(team, { deviceId: device.id, typeId: foreignType.id })).rejects.toMatchObject({ status: 422 });
    const stranger = await makeTeam("Stranger");
    await expect(issue(stranger, { deviceId: device.id, typeId })).rejects.toMatchObject({ status: 404 });
    const badFields: Array<[Record<string, string>, RegExp]> = [
      [{ data: "[1]" }, /Data must be a JSON object/],
      [{ data: "{oops" }, /Data must be a JSON object/],
      [{ data: "", expiresOn: "2001-01-01" }, /Expiry must not be in the past/],
      [{ data: "", expiresOn: "next year" }, /Expiry must be a date like 2027-12-31/],
    ];
    for (const [fields, message] of badFields) {
      const parsed = issueLicenseSchema.safeParse({ deviceId: device.id, typeId, ...fields });
      expect(parsed.error?.issues[0]?.message).toMatch(message);
    }
    await expect(
      createLicenseType({ ...team, input: { modelId: otherModel, name: "Pro", description: null } }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await db.deviceLicense.count({ where: { deviceId: device.id } })).toBe(1);
  });

  it("over MQTT: waiting licences are pushed on v1/device/{id}/license, and the answer on …/license/update is kept", async () => {
    const { team, devices, typeId } = await fleet(1, "MQTT");
    const [device] = devices as [Device];
    const { client } = await connectDevice(hub.current.url, device.id, device.key);
    if (!client) throw new Error("not admitted");
    clients.push(client);
    const received: IPublishPacket[] = [];
    client.on("message", (_topic, _payload, packet) => received.push(packet));
    await client.subscribeAsync(`v1/device/${device.id}/license`, { qos: 1 });
    await expect
      .poll(async () => (await db.device.findUniqueOrThrow({ where: { id: device.id } })).isConnected)
      .toBe(true);

    const issued = await issue(team, { deviceId: device.id, typeId, data: '{"seats": 3}' });
    expect(await announceLicenses(device.id)).toBe(true);
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    const pushed = received[0]!;
    expect(pushed.topic).toBe(`v1/device/${device.id}/license`);
    expect(JSON.parse(pushed.payload.toString())).toMatchObject([{ id: issued.id, add: true, data: { seats: 3 } }]);
    expect(pushed.properties?.responseTopic).toBe(`v1/device/${device.id}/license/update`);

    await client.publishAsync(pushed.properties!.responseTopic!, JSON.stringify({ id: issued.id, state: "inuse" }), {
      qos: 1,
    });
    await expect
      .poll(async () => (await db.deviceLicense.findUniqueOrThrow({ where: { id: issued.id } })).state)
      .toBe("inuse");
    // Nothing waits any more: nothing to announce.
    expect(await announceLicenses(device.id)).toBe(false);
  });
});
