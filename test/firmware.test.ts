import { createHash } from "node:crypto";
import { readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { IPublishPacket, MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/policy";
import { env } from "@/lib/env";
import { POST as uploadRoute } from "@/app/api/models/[modelId]/firmware/route";
import { GET as listRoute } from "@/app/v1/devices/[deviceId]/files/route";
import { GET as fileRoute } from "@/app/v1/devices/[deviceId]/files/[fileId]/route";
import { GET as downloadRoute } from "@/app/v1/devices/[deviceId]/files/[fileId]/download/route";
import { db } from "@/lib/server/database/db";
import { deleteFirmwareFile } from "@/lib/server/data/firmware/delete-firmware-file";
import { findKnownFirmwareIds } from "@/lib/server/data/firmware/find-device-files";
import { findModelFirmware } from "@/lib/server/data/firmware/find-model-firmware";
import { sweepFirmwareStore } from "@/lib/server/firmware/firmware-store";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { body, call, deviceCall } from "./support/device-api";
import { connectDevice } from "./support/hub";
import { makeModel } from "./support/partners";
import { useRunningTestHub } from "./support/running-hub";
import { makeTeam, type Team } from "./support/team";

// Firmware files end to end below the browser: uploads streamed to the store
// through the portal's route, the device API's files, ranges and digests, the
// telemetry answer's latest_fw_*, the MQTT announcement, and every refusal
// keeping nothing.

const hub = useRunningTestHub();
const clients: MqttClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.end(true);
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const bytesOf = (size: number, seed = 1) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 251);

async function fleet(protocol: "MQTT" | "HTTP" = "HTTP") {
  const team = await makeTeam("Firmware");
  const modelId = await makeModel(team, { protocol });
  const key = await createHardwareKey({ ...team, input: { modelId, label: "Batch", expectedDevices: null } });
  const register = async () => {
    const { json } = await call("register", body(key.secret));
    return { id: json.id as string, key: json.access_key as string };
  };
  return { team, modelId, register };
}

type Upload = { version: string; name?: string; fileType?: string; publicNotes?: string };

async function upload(
  team: Team,
  modelId: string,
  fields: Upload,
  content: BodyInit | null,
  role: Role = "developer",
): Promise<{ status: number; json: Record<string, unknown> }> {
  const query = new URLSearchParams({ name: `Firmware ${fields.version}`, ...fields });
  const response = await uploadRoute(
    new Request(`http://portal.test/api/models/${modelId}/firmware?${query}`, {
      method: "POST",
      headers: team.members[role].headers(),
      body: content,
      // A streamed body (the cut-off upload) must say so.
      ...(content instanceof ReadableStream ? { duplex: "half" } : {}),
    }),
    { params: Promise.resolve({ modelId }) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function download(device: { id: string; key: string }, fileId: string, headers: Record<string, string> = {}) {
  return downloadRoute(
    new Request(`http://portal.test/v1/devices/${device.id}/files/${fileId}/download`, {
      headers: { authorization: device.key, ...headers },
    }),
    { params: Promise.resolve({ deviceId: device.id }) },
  );
}

async function deviceGet(route: typeof listRoute, device: { id: string; key: string }, path: string) {
  const response = await route(
    new Request(`http://portal.test/v1/devices/${device.id}${path}`, { headers: { authorization: device.key } }),
    { params: Promise.resolve({ deviceId: device.id }) },
  );
  return { status: response.status, json: (await response.json()) as unknown };
}

const storeEntries = async (folder = "") =>
  readdir(path.join(path.resolve(env().FIRMWARE_DIR), folder)).catch(() => [] as string[]);

describe("[FIRMWARE] files of a model", () => {
  it("stores an upload whole with its SHA-256; the device lists it and downloads it, whole or resumed", async () => {
    const { team, modelId, register } = await fleet();
    const device = await register();
    const content = bytesOf(300_000);
    const uploaded = await upload(team, modelId, { version: "1.5.0", publicNotes: "Faster boot" }, content);
    expect(uploaded).toEqual({
      status: 201,
      json: { id: expect.stringMatching(/^fw_/) as string, version: "1.5.0", sha256: sha256(content), size: 300_000 },
    });
    const fileId = uploaded.json.id as string;

    const list = await deviceGet(listRoute, device, "/files");
    expect(list.status).toBe(200);
    expect(list.json).toEqual([
      {
        id: fileId,
        name: "Firmware 1.5.0",
        url: `${env().DEVICE_API_URL}/v1/devices/${device.id}/files/${fileId}/download`,
        desc: "Faster boot",
        file_type: "firmware",
        version: "1.5.0",
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
        public_notes: "Faster boot",
        checksum: sha256(content),
        sha256: sha256(content),
        size: 300_000,
      },
    ]);
    expect((await deviceGet(fileRoute, device, `/files/${fileId}`)).json).toEqual((list.json as unknown[])[0]);

    const whole = await download(device, fileId);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe("300000");
    expect(whole.headers.get("repr-digest")).toBe(
      `sha-256=:${Buffer.from(sha256(content), "hex").toString("base64")}:`,
    );
    expect(sha256(new Uint8Array(await whole.arrayBuffer()))).toBe(sha256(content));

    // A link dropped after 100,000 bytes: the rest, then the two halves make the file.
    const rest = await download(device, fileId, { range: "bytes=100000-", "if-range": whole.headers.get("etag")! });
    expect(rest.status).toBe(206);
    expect(rest.headers.get("content-range")).toBe("bytes 100000-299999/300000");
    const joined = Buffer.concat([content.subarray(0, 100_000), Buffer.from(await rest.arrayBuffer())]);
    expect(sha256(joined)).toBe(sha256(content));

    const past = await download(device, fileId, { range: "bytes=300000-" });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */300000");
    // A resume against another file (its ETag changed) gets the whole file again.
    expect((await download(device, fileId, { range: "bytes=5-", "if-range": '"other"' })).status).toBe(200);
  });

  it("downloads only with the device's own key, and only files of its own model", async () => {
    const { team, modelId, register } = await fleet();
    const device = await register();
    const { json } = await upload(team, modelId, { version: "2.0.0" }, bytesOf(1000));
    expect((await download({ id: device.id, key: "wrong" }, json.id as string)).status).toBe(401);

    const other = await fleet();
    const stranger = await other.register();
    const refused = await download(stranger, json.id as string);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ error: "file: no such file for this device's model" });
  });

  it("answers each telemetry call with the model's newest release, never a pre-release", async () => {
    const { team, modelId, register } = await fleet();
    const device = await register();
    const latest = async () => {
      const { json } = await deviceCall("POST", device.id, "/telemetry", device.key, { status: "online" });
      return [json.latest_fw_version, json.latest_fw_file_id];
    };
    expect(await latest()).toEqual([null, null]);
    const older = await upload(team, modelId, { version: "1.9.0" }, bytesOf(10));
    const newer = await upload(team, modelId, { version: "1.10.0" }, bytesOf(10));
    await upload(team, modelId, { version: "1.11.0-beta.1" }, bytesOf(10));
    expect(await latest()).toEqual(["1.10.0", newer.json.id]);

    await deleteFirmwareFile({ partnerId: team.partnerId, actor: team.actor, fileId: newer.json.id as string });
    expect(await latest()).toEqual(["1.9.0", older.json.id]);
    const listed = await findModelFirmware({ partnerId: team.partnerId, modelId });
    expect(listed.map((file) => file.version)).toEqual(["1.11.0-beta.1", "1.9.0"]);
  });

  it("announces a new release on the firmware topic of connected devices that listen", async () => {
    const { team, modelId, register } = await fleet("MQTT");
    const device = await register();
    const { client } = await connectDevice(hub.current.url, device.id, device.key);
    if (!client) throw new Error("not admitted");
    clients.push(client);
    const received: IPublishPacket[] = [];
    client.on("message", (_topic, _payload, packet) => received.push(packet));
    await client.subscribeAsync(`v1/device/${device.id}/firmware`, { qos: 1 });
    await expect
      .poll(async () => (await db.device.findUniqueOrThrow({ where: { id: device.id } })).isConnected)
      .toBe(true);

    const { json } = await upload(team, modelId, { version: "3.1.0" }, bytesOf(64));
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    expect(received[0]!.topic).toBe(`v1/device/${device.id}/firmware`);
    expect(JSON.parse(received[0]!.payload.toString())).toEqual({
      latest_fw_version: "3.1.0",
      latest_fw_file_id: json.id,
    });
  });
});

describe("[FIRMWARE] bad uploads are refused and leave nothing", () => {
  it("names the field: a version that is not SemVer, a file type, an empty file", async () => {
    const { team, modelId } = await fleet();
    const notSemver = await upload(team, modelId, { version: "v1.2" }, bytesOf(10));
    expect(notSemver.status).toBe(422);
    expect(notSemver.json.fieldErrors).toEqual({ version: ["must be SemVer like 1.2.3"] });
    expect((await upload(team, modelId, { version: "1.0.0", fileType: "Boot Loader" }, bytesOf(10))).status).toBe(422);
    expect(await upload(team, modelId, { version: "1.0.0" }, new Uint8Array(0))).toEqual({
      status: 422,
      json: { error: "file: must not be empty" },
    });
    expect(await findModelFirmware({ partnerId: team.partnerId, modelId })).toEqual([]);
  });

  it("refuses a version already uploaded for the model and file type, before reading the file", async () => {
    const { team, modelId } = await fleet();
    expect((await upload(team, modelId, { version: "1.0.0" }, bytesOf(10))).status).toBe(201);
    const again = await upload(team, modelId, { version: "1.0.0" }, bytesOf(20));
    expect(again.status).toBe(409);
    expect(again.json.error).toBe("version: 1.0.0 (firmware) is already uploaded for this model");
    // Another file type may carry the same version.
    expect((await upload(team, modelId, { version: "1.0.0", fileType: "bootloader" }, bytesOf(10))).status).toBe(201);
  });

  it("refuses a file over FIRMWARE_MAX_MB, and an upload cut off halfway, keeping no bytes and no row", async () => {
    const { team, modelId } = await fleet();
    const before = await storeEntries();
    const tooLarge = await upload(
      team,
      modelId,
      { version: "1.0.0" },
      bytesOf(env().FIRMWARE_MAX_MB * 1024 * 1024 + 1),
    );
    expect(tooLarge).toEqual({ status: 413, json: { error: `file: must be at most ${env().FIRMWARE_MAX_MB} MB` } });

    let sent = 0;
    const cutOff = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 3) return controller.error(new Error("connection reset"));
        sent += 1;
        controller.enqueue(bytesOf(64 * 1024, sent));
      },
    });
    await expect(upload(team, modelId, { version: "1.0.1" }, cutOff)).rejects.toThrow();
    expect(await findModelFirmware({ partnerId: team.partnerId, modelId })).toEqual([]);
    expect(await storeEntries()).toEqual(before);
    expect(await storeEntries("incoming")).toEqual([]);
  });

  it("lets developers and up upload; a viewer is refused", async () => {
    const { team, modelId } = await fleet();
    const refused = await upload(team, modelId, { version: "1.0.0" }, bytesOf(10), "viewer");
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatch(/^Your role \(viewer\) cannot upload and delete a model's firmware files/);
    const other = await makeTeam("Other");
    expect((await upload(other, modelId, { version: "1.0.0" }, bytesOf(10))).status).toBe(404);
  });
});

describe("[FIRMWARE] the store's sweep", () => {
  it("removes bytes no row names once they are old enough, and keeps every stored file", async () => {
    const { team, modelId } = await fleet();
    const kept = await upload(team, modelId, { version: "1.0.0" }, bytesOf(10));
    const dir = path.resolve(env().FIRMWARE_DIR);
    const orphan = path.join(dir, "fw_orphan_test");
    const fresh = path.join(dir, "fw_fresh_test");
    await writeFile(orphan, "left by a crash");
    await writeFile(fresh, "being committed");
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(orphan, hourAgo, hourAgo);
    await utimes(path.join(dir, kept.json.id as string), hourAgo, hourAgo);

    await sweepFirmwareStore(findKnownFirmwareIds, 600_000);
    const left = await storeEntries();
    expect(left).not.toContain("fw_orphan_test");
    expect(left).toContain("fw_fresh_test");
    expect(left).toContain(kept.json.id);
  });
});
