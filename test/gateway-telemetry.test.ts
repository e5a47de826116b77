import { describe, expect, it } from "vitest";
import { POST as massRoute } from "@/app/v1/devices/telemetries/route";
import { POST as childRoute } from "@/app/v1/devices/[deviceId]/children/telemetries/route";
import { db } from "@/lib/server/database/db";
import { MAX_GATEWAY_DEVICES } from "@/lib/schemas/telemetry";
import { newId } from "@/lib/server/ids";
import { body, call, deviceCall, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";

// Mass telemetry (each entry with its own access_token) and child
// telemetries (a gateway for the devices that named it their parent): each
// entry stored as if its device had sent it alone, a bad entry named in the
// answer without losing the good ones.

useRunningTestHub();

type Device = { id: string; key: string };

async function fleet(size: number): Promise<Device[]> {
  const model = await modelWithKey("HTTP");
  const devices: Device[] = [];
  for (let i = 0; i < size; i += 1) {
    const { status, json } = await call("register", body(model.hardwareKey));
    if (status !== 201) throw new Error(`registration answered ${status}: ${JSON.stringify(json)}`);
    devices.push({ id: json.id as string, key: json.access_key as string });
  }
  return devices;
}

async function post(route: "mass" | Device, payload: unknown, raw?: string) {
  const init = {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ?? JSON.stringify(payload),
  };
  const response =
    route === "mass"
      ? await massRoute(new Request("http://portal.test/v1/devices/telemetries", init))
      : await childRoute(
          new Request(`http://portal.test/v1/devices/${route.id}/children/telemetries`, {
            ...init,
            headers: { ...init.headers, authorization: route.key },
          }),
          { params: Promise.resolve({ deviceId: route.id }) },
        );
  return { status: response.status, json: (await response.json()) as Record<string, Record<string, unknown>> };
}

const stored = async (deviceId: string) =>
  (await db.telemetryMessage.findMany({ where: { deviceId } })).map((row) => JSON.parse(row.values) as unknown);

describe("Send Mass Telemetry (POST /v1/devices/telemetries)", () => {
  it("stores every good entry and names each bad one, without losing the good ones", async () => {
    const [a, b, wrongKey, badValue, disabled] = (await fleet(5)) as [Device, Device, Device, Device, Device];
    await db.device.update({ where: { id: disabled.id }, data: { isEnabled: false } });
    const unknown = newId();
    const answer = await post("mass", {
      [a.id]: { access_token: a.key, status: "online", telemetries: { speed: 10 } },
      [b.id]: { access_token: b.key, status: "offline" },
      [wrongKey.id]: { access_token: "not-the-key", status: "online", telemetries: { speed: 1 } },
      [badValue.id]: { access_token: badValue.key, status: "online", telemetries: { speed: { nested: 1 } } },
      [disabled.id]: { access_token: disabled.key, status: "online" },
      [unknown]: { access_token: "x", status: "online" },
      "not-a-device": { access_token: "x", status: "online" },
      [newId()]: { status: "online" },
    });
    expect(answer.status).toBe(200);
    expect(answer.json[a.id]).toEqual({
      success: true,
      config_version: 0,
      command: false,
      info_version: 0,
      new_licenses: false,
      latest_fw_version: null,
      latest_fw_file_id: null,
    });
    expect(answer.json[b.id]).toMatchObject({ success: true });
    expect(answer.json[wrongKey.id]).toEqual({ error: "authorization: unknown device or wrong access key" });
    expect(answer.json[badValue.id]?.error).toMatch(
      /^telemetries\.speed: must be a number, a boolean, a string or null/,
    );
    expect(answer.json[disabled.id]).toEqual({ error: "authorization: unknown device or wrong access key" });
    expect(answer.json[unknown]).toEqual({ error: "authorization: unknown device or wrong access key" });
    expect(answer.json["not-a-device"]).toEqual({ error: "authorization: unknown device or wrong access key" });
    expect(
      Object.values(answer.json).filter((entry) => entry.error === "authorization: the access key is required"),
    ).toHaveLength(1);

    expect(await stored(a.id)).toEqual([{ speed: 10 }]);
    expect(await stored(b.id)).toEqual([{}]);
    for (const device of [wrongKey, badValue, disabled]) expect(await stored(device.id)).toEqual([]);
    // As if sent alone: the device's state and last-seen moved.
    const row = await db.device.findUniqueOrThrow({ where: { id: a.id } });
    expect([row.telemetryStatus, row.lastSeenAt]).toEqual(["online", expect.any(Date) as Date]);
  });

  it("refuses a malformed call as a whole, storing nothing", async () => {
    const [device] = (await fleet(1)) as [Device];
    const entry = { access_token: device.key, status: "online", telemetries: { t: 1 } };
    const tooMany = Object.fromEntries<typeof entry>([
      [device.id, entry],
      ...Array.from({ length: MAX_GATEWAY_DEVICES }, (): [string, typeof entry] => [newId(), entry]),
    ]);
    const refusals: Array<[unknown, string | undefined, RegExp]> = [
      [tooMany, undefined, /at most 100 devices in one call \(got 101\)/],
      [{}, undefined, /name at least one device/],
      [[entry], undefined, /must be a JSON object mapping device ids/],
      [undefined, "{not json", /JSON/],
    ];
    for (const [payload, raw, message] of refusals) {
      const answer = await post("mass", payload, raw);
      expect(answer.status, String(message)).toBe(422);
      expect(answer.json.error).toMatch(message);
    }
    expect(await stored(device.id)).toEqual([]);
  });
});

describe("Send Child Telemetries (POST /v1/devices/{id}/children/telemetries)", () => {
  it("a gateway reports for its children; another device needs its own key", async () => {
    const [gateway, child, stranger] = (await fleet(3)) as [Device, Device, Device];
    expect((await deviceCall("PUT", child.id, "", child.key, { parent_id: gateway.id })).status).toBe(200);
    const answer = await post(gateway, {
      [child.id]: { status: "online", telemetries: { temp: 21.5 } },
      [stranger.id]: { status: "online", telemetries: { temp: 19 } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json[child.id]).toMatchObject({ success: true });
    expect(answer.json[stranger.id]?.error).toMatch(/not a child of this device/);
    expect(await stored(child.id)).toEqual([{ temp: 21.5 }]);
    expect(await stored(stranger.id)).toEqual([]);

    const withKey = await post(gateway, { [stranger.id]: { access_token: stranger.key, status: "online" } });
    expect(withKey.json[stranger.id]).toMatchObject({ success: true });

    // A gateway with a wrong key is refused as a whole.
    const refused = await post({ id: gateway.id, key: "wrong" }, { [child.id]: { status: "online" } });
    expect(refused.status).toBe(401);
    expect(await stored(child.id)).toHaveLength(1);
  });
});
