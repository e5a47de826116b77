import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as sendRoute, PUT as appendRoute } from "@/app/v1/devices/[deviceId]/dumps/[...path]/route";
import { GET as downloadRoute } from "@/app/api/devices/[deviceId]/dumps/[dumpId]/route";
import { env } from "@/lib/env";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { body, call } from "./support/device-api";
import { makeModel } from "./support/partners";
import { makeTeam, type Team } from "./support/team";
import { useRunningTestHub } from "./support/running-hub";

// Xyte's dumps end to end below the browser: streamed to the store, appended,
// downloaded by a member, and every refusal (size limits, another device's
// dump, bad names, wrong keys) keeping nothing of what it refused.

useRunningTestHub();

type Device = { id: string; key: string };
const MB = 1024 * 1024;

async function fleet(size: number): Promise<{ team: Team; devices: Device[] }> {
  const team = await makeTeam("Dumps");
  const modelId = await makeModel(team, { protocol: "HTTP" });
  const key = await createHardwareKey({ ...team, input: { modelId, label: "Batch", expectedDevices: null } });
  const devices: Device[] = [];
  for (let i = 0; i < size; i += 1) {
    const { status, json } = await call("register", body(key.secret));
    if (status !== 201) throw new Error(`registration answered ${status}: ${JSON.stringify(json)}`);
    devices.push({ id: json.id as string, key: json.access_key as string });
  }
  return { team, devices };
}

async function dumpCall(
  method: "POST" | "PUT",
  device: Device,
  rest: string,
  content: BodyInit | null,
  key = device.key,
) {
  const request = new Request(`http://portal.test/v1/devices/${device.id}/dumps/${rest}`, {
    method,
    headers: { authorization: key, "content-type": "application/octet-stream" },
    body: content,
    ...(content instanceof ReadableStream ? { duplex: "half" } : {}),
  });
  const route = method === "POST" ? sendRoute : appendRoute;
  const response = await route(request, { params: Promise.resolve({ deviceId: device.id }) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function download(team: Team, deviceId: string, dumpId: string) {
  const response = await downloadRoute(
    new Request(`http://portal.test/api/devices/${deviceId}/dumps/${dumpId}`, {
      headers: team.members.viewer.headers(),
    }),
    { params: Promise.resolve({ deviceId, dumpId }) },
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const storedFiles = async () =>
  (await readdir(path.resolve(env().DUMPS_DIR)).catch(() => [] as string[])).filter((name) => name !== "incoming");

describe("dumps (Xyte's device API)", () => {
  it("stores a dump, appends to it, and a member downloads it whole", async () => {
    const { team, devices } = await fleet(1);
    const [device] = devices as [Device];
    const sent = await dumpCall("POST", device, "text%2Fplain/agent.log", "line 1\n");
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ filename: "agent.log", mime_type: "text/plain", size: 7, device_id: device.id });
    const dumpId = sent.json.id as string;
    expect(sent.json.dump_id).toBe(dumpId);

    const appended = await dumpCall("PUT", device, dumpId, "line 2\n");
    expect(appended).toMatchObject({ status: 200, json: { id: dumpId, size: 14 } });

    const file = await download(team, device.id, dumpId);
    expect(file.status).toBe(200);
    expect(file.text).toBe("line 1\nline 2\n");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="agent.log"/);
    expect(file.headers.get("content-type")).toBe("application/octet-stream");

    // The MIME type's "/" as a path segment of its own works too.
    const split = await dumpCall("POST", device, "application/json/state.json", '{"ok":true}');
    expect(split.json).toMatchObject({ filename: "state.json", mime_type: "application/json" });
  });

  it("keeps a device's dumps to itself: another device or partner finds nothing", async () => {
    const { team, devices } = await fleet(2);
    const [owner, other] = devices as [Device, Device];
    const dumpId = (await dumpCall("POST", owner, "text%2Fplain/a.log", "mine\n")).json.id as string;
    expect((await dumpCall("PUT", other, dumpId, "theirs\n")).status).toBe(404);
    expect((await dumpCall("PUT", owner, dumpId, "x", "wrong-key")).status).toBe(401);
    const stranger = await makeTeam("Stranger");
    expect((await download(stranger, owner.id, dumpId)).status).toBe(404);
    // The dump's own device id must match the path's.
    expect((await download(team, other.id, dumpId)).status).toBe(404);
    expect((await download(team, owner.id, dumpId)).text).toBe("mine\n");
  });

  it("refuses bad names, empty bodies and dumps past either limit, keeping nothing of them", async () => {
    const { devices } = await fleet(1);
    const [device] = devices as [Device];
    const before = (await storedFiles()).length;
    const refusals: Array<[string, BodyInit | null, number, RegExp]> = [
      ["text%2Fplain/", "x", 422, /filename: must not be empty/],
      ["not-a-type/agent.log", "x", 422, /mime_type: must be a MIME type like text\/plain/],
      ["text%2Fplain/agent%0A.log", "x", 422, /filename: must not contain/],
      ["text%2Fplain/a%5Cb.log", "x", 422, /filename: must not contain/],
      ["text%2Fplain/agent.log", null, 422, /body: must not be empty/],
      ["text%2Fplain/big.bin", new Uint8Array(env().DUMP_MAX_MB * MB + 1), 413, /a dump may grow to at most 1 MB/],
    ];
    for (const [rest, content, status, message] of refusals) {
      const answer = await dumpCall("POST", device, rest, content);
      expect(answer.status, rest).toBe(status);
      expect(answer.json.error).toMatch(message);
    }
    // A body that lies about its length and streams past the limit is cut off too.
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(256 * 1024)),
    });
    expect((await dumpCall("POST", device, "text%2Fplain/stream.bin", endless)).status).toBe(413);
    expect(await db.deviceDump.count({ where: { deviceId: device.id } })).toBe(0);
    expect((await storedFiles()).length).toBe(before);

    // An append past the dump's limit leaves the dump as it was.
    const dumpId = (await dumpCall("POST", device, "text%2Fplain/a.log", new Uint8Array(MB - 10))).json.id as string;
    const over = await dumpCall("PUT", device, dumpId, new Uint8Array(11));
    expect(over.status).toBe(413);
    expect((await db.deviceDump.findUniqueOrThrow({ where: { id: dumpId } })).size).toBe(MB - 10);
    expect((await dumpCall("PUT", device, dumpId, new Uint8Array(10))).json.size).toBe(MB);

    // The device's quota (2 MB here) counts all its dumps.
    expect((await dumpCall("POST", device, "text%2Fplain/b.log", new Uint8Array(MB - 1))).status).toBe(200);
    const full = await dumpCall("POST", device, "text%2Fplain/c.log", new Uint8Array(2));
    expect(full.status).toBe(413);
    expect(full.json.error).toMatch(/a device's dumps may hold at most 2 MB in all/);
    expect(await db.deviceDump.count({ where: { deviceId: device.id } })).toBe(2);
  });
});
