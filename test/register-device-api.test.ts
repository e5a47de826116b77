import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { serveFastRoute } from "@/lib/runtime/fast-routes";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { registrationFastRoute } from "@/lib/server/device-api/answer-registration";
import { db } from "@/lib/server/database/db";
import { listDevices } from "@/lib/server/data/devices/list-devices";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { revokeHardwareKey } from "@/lib/server/data/hardware-keys/revoke-hardware-key";
import { flushAuditEvents } from "@/lib/server/data/audit/audit-buffer";
import { mintHardwareKeyToken } from "@/lib/server/data/hardware-keys/hardware-key-token";
import { PORTAL_PARTNER_HEADER, portalPartnerHeader } from "@/lib/server/device-api/portal-caller";
import { body, call, modelWithKey, randomAddress } from "./support/device-api";
import { connectDevice } from "./support/hub";
import { useRunningTestHub } from "./support/running-hub";

const running = useRunningTestHub();

describe("[API] POST /v1/devices", () => {
  it("registers an MQTT device whose credentials connect to the hub at once", async () => {
    const model = await modelWithKey("MQTT");
    const { status, json, headers } = await call(
      "register",
      body(model.hardwareKey, { mac: "aa-bb-cc-dd-ee-01", name: "Lobby", details: { floor: 3 } }),
    );
    expect(status).toBe(201);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(json).sort()).toEqual(["access_key", "hub_url", "hub_url_static_cert", "id", "mqtt_hub_url"]);
    expect(json.access_key).toMatch(/^pdk_[A-Za-z0-9_-]{43}$/);
    expect(json.mqtt_hub_url).toBe(running.current.url);
    const row = await db.device.findUniqueOrThrow({ where: { id: json.id as string } });
    expect(row).toMatchObject({
      modelId: model.modelId,
      mac: "AA:BB:CC:DD:EE:01",
      name: "Lobby",
      details: '{"floor":3}',
      hardwareKeyId: model.keyId,
      isEnabled: true,
      isConnected: false,
      configVersion: 0,
      config: null,
    });
    // Written in plain SQL: its time reads back as the one Prisma itself writes would.
    expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const [stored] = await db.$queryRaw<{ createdAt: Date }[]>`
      SELECT "createdAt" FROM "Device" WHERE "createdAt" = ${row.createdAt} AND "id" = ${row.id}`;
    expect(stored?.createdAt).toEqual(row.createdAt);
    expect(JSON.stringify(row)).not.toContain(json.access_key as string);
    const { client, reasonCode } = await connectDevice(
      running.current.url,
      json.id as string,
      json.access_key as string,
    );
    expect(reasonCode).toBe(0);
    client?.end(true);
  });

  it("registers an HTTP device, which the MQTT hub does not admit", async () => {
    const model = await modelWithKey("HTTP");
    const { status, json } = await call("register", body(model.hardwareKey));
    expect(status).toBe(201);
    expect((await connectDevice(running.current.url, json.id as string, json.access_key as string)).reasonCode).toBe(
      135,
    );
  });

  it("ignores unknown fields and stores none of them", async () => {
    const model = await modelWithKey();
    const { status, json } = await call(
      "register",
      body(model.hardwareKey, { is_admin: true, partnerId: "someone-else" }),
    );
    expect(status).toBe(201);
    const row = await db.device.findUniqueOrThrow({ where: { id: json.id as string } });
    expect(row.partnerId).toBe(model.partnerId);
    expect(JSON.stringify(row)).not.toContain("someone-else");
  });

  it.each([
    [{ sn: undefined }, "sn: is required"],
    [{ sn: "  " }, "sn: must not be empty"],
    [{ sn: 42 }, "sn: must be a string"],
    [{ firmware_version: "1.2" }, "firmware_version: must be SemVer like 1.2.3"],
    [{ firmware_version: undefined }, "firmware_version: is required"],
    [{ mac: "nope" }, "mac: must be a MAC address like AA:BB:CC:DD:EE:FF"],
    [{ details: [1, 2] }, "details: must be a JSON object"],
    [{ name: "x".repeat(129) }, "name: must be at most 128 characters"],
    [{ hardware_key: undefined }, "hardware_key: is required"],
  ])("422 for %o: %s", async (change, message) => {
    const model = await modelWithKey();
    const { status, json } = await call("register", { ...body(model.hardwareKey), ...change });
    expect({ status, error: json.error }).toEqual({ status: 422, error: message });
  });

  it("422 for invalid JSON and for a body that is not an object; 415 for another type; 413 over 64 KiB", async () => {
    expect(await call("register", null, { raw: '{"sn": ' })).toMatchObject({
      status: 422,
      json: { error: "body: not valid JSON" },
    });
    expect(await call("register", [1])).toMatchObject({ status: 422, json: { error: "body: must be a JSON object" } });
    expect(
      await call("register", null, { raw: "sn=1", contentType: "application/x-www-form-urlencoded" }),
    ).toMatchObject({
      status: 415,
      json: { error: "body: Content-Type must be application/json" },
    });
    const huge = JSON.stringify({ sn: "x", details: { blob: "y".repeat(70_000) } });
    expect(await call("register", null, { raw: huge })).toMatchObject({
      status: 413,
      json: { error: "body: larger than 64 KiB" },
    });
  });

  it("401 for an unknown or revoked hardware key", async () => {
    const model = await modelWithKey();
    expect(await call("register", body("phk_not-a-key"))).toMatchObject({
      status: 401,
      json: { error: "hardware_key: unknown or revoked" },
    });
    await revokeHardwareKey({ partnerId: model.partnerId, actor: model.actor, keyId: model.keyId });
    expect(await call("register", body(model.hardwareKey))).toMatchObject({ status: 401 });
  });

  it("409 for a serial number, MAC or cloud id already registered for the model", async () => {
    const model = await modelWithKey();
    const first = body(model.hardwareKey, { mac: "AA:BB:CC:00:00:01", cloud_id: "cloud-1" });
    expect((await call("register", first)).status).toBe(201);
    expect(await call("register", { ...first, mac: undefined, cloud_id: undefined })).toMatchObject({
      status: 409,
      json: { error: "sn: already registered for this model" },
    });
    expect(await call("register", body(model.hardwareKey, { mac: "aabbcc000001" }))).toMatchObject({
      status: 409,
      json: { error: "mac: already registered for this model" },
    });
    expect(await call("register", body(model.hardwareKey, { cloud_id: "cloud-1" }))).toMatchObject({
      status: 409,
      json: { error: "cloud_id: already registered for this model" },
    });
    const other = await modelWithKey();
    expect((await call("register", { ...first, hardware_key: other.hardwareKey })).status).toBe(201);
  });

  it("50 concurrent identical registrations create exactly one device", async () => {
    const model = await modelWithKey();
    const same = body(model.hardwareKey);
    const results = await Promise.all(Array.from({ length: 50 }, () => call("register", same)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    expect(await db.device.count({ where: { modelId: model.modelId } })).toBe(1);
  });

  it("429 with Retry-After past the per-address limit", async () => {
    const ip = "192.0.2.77";
    const statuses: number[] = [];
    for (let i = 0; i < 301; i++)
      statuses.push((await call("register", null, { ip, raw: "x", contentType: "text/plain" })).status);
    expect(statuses.slice(0, 300).every((s) => s === 415)).toBe(true);
    const limited = await call("register", null, { ip, raw: "x", contentType: "text/plain" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("[API] registrations from the portal's own screens", () => {
  it("are limited per partner, not together as the portal's loopback address", async () => {
    const ip = "127.0.0.1";
    const asPartner = (partnerId: string, now?: number) => ({
      ip,
      raw: "x",
      contentType: "text/plain",
      headers: { [PORTAL_PARTNER_HEADER]: portalPartnerHeader(partnerId, now) },
    });
    const first = (await modelWithKey()).partnerId;
    for (let i = 0; i < 300; i++) expect((await call("register", null, asPartner(first))).status).toBe(415);
    const limited = await call("register", null, asPartner(first));
    expect(limited.status).toBe(429);
    expect(limited.json.error).toMatch(/^too many registrations from this address; retry in \d+ s$/);
    // Another partner, and plain calls from the same address, have their own counts.
    const second = (await modelWithKey()).partnerId;
    expect((await call("register", null, asPartner(second))).status).toBe(415);
    expect((await call("register", null, { ip, raw: "x", contentType: "text/plain" })).status).toBe(415);
  });

  it("count by address when the partner header is forged, expired or made for another purpose", async () => {
    const partnerId = (await modelWithKey()).partnerId;
    const genuine = portalPartnerHeader(partnerId);
    const forged = [
      `${partnerId}.${genuine.split(".")[1]}.${"A".repeat(43)}`,
      portalPartnerHeader(partnerId, Date.now() - 120_000),
      mintHardwareKeyToken(partnerId).slice("phkt_".length),
    ];
    for (const header of forged) {
      const ip = `192.0.2.${forged.indexOf(header) + 100}`;
      const request = { ip, raw: "x", contentType: "text/plain", headers: { [PORTAL_PARTNER_HEADER]: header } };
      for (let i = 0; i < 300; i++) await call("register", null, request);
      expect((await call("register", null, { ip, raw: "x", contentType: "text/plain" })).status).toBe(429);
    }
  });
});

describe("[API] POST /v1/devices/bulk_create", () => {
  it("207 with a result per item, in order", async () => {
    const model = await modelWithKey();
    const ok = body(model.hardwareKey);
    const { status, json } = await call("bulk", [ok, { ...ok }, { ...body(model.hardwareKey), firmware_version: "x" }]);
    expect(status).toBe(207);
    const results = json.results as Array<Record<string, unknown>>;
    expect(results.map((r) => r.status)).toEqual([201, 409, 422]);
    expect((results[0]?.device as { access_key?: string }).access_key).toMatch(/^pdk_/);
    expect(results[2]?.error).toBe("firmware_version: must be SemVer like 1.2.3");
  });

  it("lists a batch newest first in the order it was sent, though it took less than a millisecond a device", async () => {
    const model = await modelWithKey();
    const items = Array.from({ length: 25 }, (_, i) => body(model.hardwareKey, { sn: `ORDER-${i}` }));
    // The whole batch within one millisecond, as a fast machine registers it: the clock stands still.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      expect((await call("bulk", items)).status).toBe(207);
    } finally {
      vi.useRealTimers();
    }
    const { rows } = await listDevices({
      partnerId: model.partnerId,
      query: deviceListQuerySchema.parse({ model: model.modelId }),
    });
    expect(rows.map((row) => row.sn)).toEqual(items.map((item) => item.sn).reverse());
  });

  it("422 for more than 25 items or a body that is not an array", async () => {
    const model = await modelWithKey();
    const items = Array.from({ length: 26 }, () => body(model.hardwareKey));
    expect(await call("bulk", items)).toMatchObject({
      status: 422,
      json: { error: "body: at most 25 registrations per request" },
    });
    expect(await call("bulk", body(model.hardwareKey))).toMatchObject({ status: 422 });
    expect(await db.device.count({ where: { modelId: model.modelId } })).toBe(0);
  });
});

describe("[API] audit", () => {
  it("records who registered the device: the hardware key and the source address", async () => {
    const model = await modelWithKey();
    const { json } = await call("register", body(model.hardwareKey), { ip: "198.51.100.7" });
    await flushAuditEvents();
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: json.id as string } });
    expect(event).toMatchObject({
      partnerId: model.partnerId,
      action: "device.register",
      actorLabel: 'hardware key "Batch"',
      ip: "198.51.100.7",
    });
  });
});

/** POST /v1/devices as server.ts serves it: node:http and the fast route, no Web Request or Response. */
async function fastServer(): Promise<string> {
  const server = createServer(
    (req, res) => void serveFastRoute({ route: registrationFastRoute, params: {} }, req, res),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/devices`;
}

describe("[API] server.ts's fast route for POST /v1/devices answers as the route handler does", () => {
  it("the same status, error and headers for registrations and every kind of bad request", async () => {
    const url = await fastServer();
    const model = await modelWithKey("HTTP");
    const taken = body(model.hardwareKey);
    expect((await call("register", taken)).status).toBe(201);
    const cases: { raw: string; type?: string }[] = [
      { raw: JSON.stringify(body(model.hardwareKey)) },
      { raw: JSON.stringify(taken) },
      { raw: JSON.stringify(body("hk_unknown")) },
      { raw: JSON.stringify(body(model.hardwareKey, { firmware_version: "one" })) },
      { raw: JSON.stringify(body(model.hardwareKey)), type: "text/plain" },
      { raw: "[1, 2]" },
      { raw: "{not json" },
      { raw: JSON.stringify(body(model.hardwareKey, { details: { pad: "x".repeat(70_000) } })) },
    ];
    for (const { raw, type = "application/json" } of cases) {
      const ip = randomAddress();
      const viaRoute = await call("register", null, { raw, contentType: type, ip });
      // The route's 201 stored the body's serial number; the fast route gets a new one for the same answer.
      const again = viaRoute.status === 201 ? raw.replace(/SN-[\w-]+/, `SN-fast-${ip}`) : raw;
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": type, [CLIENT_ADDRESS_HEADER]: ip },
        body: again,
      });
      const json = (await response.json()) as Record<string, unknown>;
      expect({ status: response.status, error: json.error }).toEqual({
        status: viaRoute.status,
        error: viaRoute.json.error,
      });
      expect(Object.keys(json).sort()).toEqual(Object.keys(viaRoute.json).sort());
      expect(response.headers.get("cache-control")).toBe(viaRoute.headers.get("cache-control"));
      expect(response.headers.get("retry-after")).toBe(viaRoute.headers.get("retry-after"));
    }
    expect(await db.device.count({ where: { modelId: model.modelId } })).toBe(3);
  });
});
