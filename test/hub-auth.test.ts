import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFastRoutes, findFastRoute, jsonRoute, serveFastRoute } from "@/lib/runtime/fast-routes";
import { EmqxHub, type EmqxHubOptions } from "@/lib/hub/emqx-hub";
import { setRunningHub } from "@/lib/hub/registry";
import { db } from "@/lib/server/database/db";
import { onPostgres } from "@/lib/server/database/db-dialect";
import { deleteDevice, rotateDeviceKey, setDeviceEnabled } from "@/lib/server/data/devices/change-device";
import {
  findDeviceAccess,
  findDeviceAccessChanges,
  listDeviceAccess,
} from "@/lib/server/data/devices/find-device-access";
import { newDeviceCredentials } from "@/lib/server/data/devices/new-access-key";
import { hubAuthn, hubAuthz, hubEvents } from "@/lib/server/hub-auth/hub-hooks";
import { findDevicePresenceChanges } from "@/lib/server/data/devices/find-device-presence";
import { recordDevicePresence } from "@/lib/server/data/devices/record-device-presence";
import { body, call, modelWithKey } from "./support/device-api";

// EMQX itself is not installed here: its management API is played by a local
// HTTP server that records what the portal asks of it.
const ended: Array<{ method: string; url: string; authorization: string | undefined }> = [];
const managementApi = createServer((req: IncomingMessage, res) => {
  ended.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
  res.writeHead(req.url?.includes("not-connected") ? 404 : 204).end();
});
let hub: EmqxHub;
let hubOptions: EmqxHubOptions;
// The hooks are called as server.ts serves them: over HTTP, through the fast routes.
const portal: Server = createServer((req, res) => void serveFastRoute(findFastRoute(req)!, req, res));
let portalUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => managementApi.listen(0, "127.0.0.1", resolve));
  const { port } = managementApi.address() as AddressInfo;
  hubOptions = {
    publicUrl: "mqtt://emqx.test:1883",
    newCredentials: newDeviceCredentials,
    loadAccess: findDeviceAccess,
    listAccess: listDeviceAccess,
    readAccessChanges: findDeviceAccessChanges,
    recordPresence: recordDevicePresence,
    api: { url: `http://127.0.0.1:${port}`, key: "k", secret: "s" },
    log: () => undefined,
  };
  // Not started: every refusal after a change below proves this process's own invalidation, not the change feed.
  hub = new EmqxHub(hubOptions);
  setRunningHub(hub);
  addFastRoutes({
    "POST /api/hub/authn": jsonRoute(hubAuthn),
    "POST /api/hub/authz": jsonRoute(hubAuthz),
    "POST /api/hub/events": jsonRoute(hubEvents),
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(() => {
  setRunningHub(undefined);
  managementApi.close();
  portal.close();
});

const SECRET = `Bearer ${process.env.HUB_AUTH_SECRET}`;
const [authn, authz, events] = ["/api/hub/authn", "/api/hub/authz", "/api/hub/events"] as const;
const hook = async (path: string, payload: unknown, authorization: string | null = SECRET) => {
  const response = await fetch(`${portalUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(payload),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};
const connect = (id: string, password: string, clientid = id) => hook(authn, { clientid, username: id, password });
const access = (id: string, topic: string, action = "publish") =>
  hook(authz, { clientid: id, username: id, topic, action });

async function registered(protocol: "MQTT" | "HTTP" = "MQTT") {
  const model = await modelWithKey(protocol);
  const { status, json } = await call("register", body(model.hardwareKey));
  expect(status).toBe(201);
  return { ...model, hub, deviceId: json.id as string, accessKey: json.access_key as string };
}

describe("[HUB] EMQX HTTP auth and ACL endpoints", () => {
  it("admit a registered device with its key, with no broker call; refuse a wrong key, another client id, an unknown id", async () => {
    ended.length = 0;
    const device = await registered();
    expect(ended).toEqual([]);
    expect(await connect(device.deviceId, device.accessKey)).toEqual({
      status: 200,
      json: { result: "allow", is_superuser: false },
    });
    expect((await connect(device.deviceId, "pdk_wrong")).json.result).toBe("deny");
    expect((await connect(device.deviceId, device.accessKey, "someone-else")).json.result).toBe("deny");
    expect((await connect("00000000-0000-4000-8000-000000000000", device.accessKey)).json.result).toBe("deny");
  });

  it("refuse an HTTP model's device, and a disabled or deleted one at once (cache invalidated, session ended)", async () => {
    const http = await registered("HTTP");
    expect((await connect(http.deviceId, http.accessKey)).json.result).toBe("deny");

    const device = await registered();
    expect((await connect(device.deviceId, device.accessKey)).json.result).toBe("allow");
    ended.length = 0;
    await setDeviceEnabled({ ...device, isEnabled: false });
    expect(ended).toEqual([
      {
        method: "DELETE",
        url: `/api/v5/clients/${device.deviceId}`,
        authorization: `Basic ${Buffer.from("k:s").toString("base64")}`,
      },
    ]);
    expect((await connect(device.deviceId, device.accessKey)).json.result).toBe("deny");
    expect((await access(device.deviceId, `v1/device/${device.deviceId}/telemetry`)).json.result).toBe("deny");
    await setDeviceEnabled({ ...device, isEnabled: true });
    expect((await connect(device.deviceId, device.accessKey)).json.result).toBe("allow");
    await deleteDevice(device);
    expect((await connect(device.deviceId, device.accessKey)).json.result).toBe("deny");
  });

  it("rotation: the old key is refused and the new one admitted immediately", async () => {
    const device = await registered();
    expect((await connect(device.deviceId, device.accessKey)).json.result).toBe("allow");
    const { accessKey } = await rotateDeviceKey(device);
    expect((await connect(device.deviceId, device.accessKey)).json.result).toBe("deny");
    expect((await connect(device.deviceId, accessKey)).json.result).toBe("allow");
  });

  it("another portal process's change reaches this one through the change feed; a started hub holds every admitted device", async () => {
    const device = await registered();
    let reads = 0;
    const other = new EmqxHub({ ...hubOptions, api: undefined, loadAccess: (id) => (reads++, findDeviceAccess(id)) });
    await other.fillCache();
    setRunningHub(other);
    try {
      expect((await connect(device.deviceId, device.accessKey)).json.result).toBe("allow");
      expect(reads).toBe(0); // held since the fill
      await other.start();
      await rotateDeviceKey(device); // made in "this" process: the other one learns it from the audit log
      const startedAt = Date.now();
      while ((await connect(device.deviceId, device.accessKey)).json.result === "allow") {
        expect(Date.now() - startedAt).toBeLessThan(3_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await other.stop();
      setRunningHub(hub);
    }
  });

  it("the start-up fill reads every admitted device once, page by page, and nothing else", async () => {
    const admitted = [await registered(), await registered()];
    // Enough rows for several of the table's blocks on PostgreSQL.
    const filler = await modelWithKey("MQTT");
    await db.device.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({
        id: `filler-${filler.modelId}-${i}`,
        partnerId: filler.partnerId,
        modelId: filler.modelId,
        sn: `FILL-${i}`,
        firmwareVersion: "1.0.0",
        accessKeyHash: `hash-${filler.modelId}-${i}`,
        hubPasswordHash: "$7$101$x$y",
      })),
    });
    const http = await registered("HTTP");
    const disabled = await registered();
    await setDeviceEnabled({ ...disabled, isEnabled: false });
    const held = new Map<string, string>();
    let pages = 0;
    let after: string | undefined;
    do {
      // One block a page on PostgreSQL (a dozen devices), 50 devices on SQLite: the shared database holds thousands.
      const page = await listDeviceAccess(after, onPostgres() ? 1 : 50);
      for (const row of page.rows) {
        expect(held.has(row.id), row.id).toBe(false);
        held.set(row.id, row.accessKeyHash);
      }
      after = page.next;
      pages++;
    } while (after !== undefined);
    expect(pages).toBeGreaterThan(1);
    for (const device of admitted)
      expect(held.get(device.deviceId)).toBe((await findDeviceAccess(device.deviceId))?.accessKeyHash);
    for (let i = 0; i < 200; i++) expect(held.get(`filler-${filler.modelId}-${i}`)).toBe(`hash-${filler.modelId}-${i}`);
    expect(held.has(http.deviceId)).toBe(false);
    expect(held.has(disabled.deviceId)).toBe(false);
    // Other tests' devices are there too (the database is shared), but never an HTTP model's.
    const ofHttp = await db.device.findMany({
      where: { model: { communicationProtocol: "HTTP" } },
      select: { id: true },
    });
    expect(ofHttp.filter((device) => held.has(device.id))).toEqual([]);
  });

  it("authorize only the device's own prefix, for publish and subscribe", async () => {
    const device = await registered();
    const other = await registered();
    const id = device.deviceId;
    expect((await access(id, `v1/device/${id}/telemetry`)).json.result).toBe("allow");
    expect((await access(id, `v1/device/${id}/#`, "subscribe")).json.result).toBe("allow");
    expect((await access(id, `v1/device/${other.deviceId}/telemetry`)).json.result).toBe("deny");
    expect((await access(id, "v1/device/+/telemetry", "subscribe")).json.result).toBe("deny");
    expect((await access(id, "$SYS/#", "subscribe")).json.result).toBe("deny");
    expect(
      (await hook(authz, { clientid: "x", username: id, topic: `v1/device/${id}/a`, action: "publish" })).json.result,
    ).toBe("deny");
  });

  it("refuse calls without the shared secret (401) and malformed bodies (422), never a 5xx", async () => {
    const device = await registered();
    expect(
      (await hook(authn, { clientid: device.deviceId, username: device.deviceId, password: device.accessKey }, null))
        .status,
    ).toBe(401);
    expect(
      (
        await hook(
          authn,
          { clientid: device.deviceId, username: device.deviceId, password: device.accessKey },
          "Bearer wrong",
        )
      ).status,
    ).toBe(401);
    expect(
      (await hook(authz, { clientid: device.deviceId, username: device.deviceId, topic: "t", action: "publish" }, null))
        .status,
    ).toBe(401);
    for (const bad of [
      {},
      { clientid: 1, username: "u", password: "p" },
      { clientid: "c", username: "u" },
      [1],
      "text",
      null,
    ]) {
      const { status, json } = await hook(authn, bad);
      expect(status).toBe(422);
      expect(typeof json.error).toBe("string");
    }
    expect((await hook(authz, { clientid: "c", username: "c", topic: "t", action: "delete" })).status).toBe(422);
  });

  it("store presence from EMQX's webhook, so the device list's feed (in any portal process) sees it", async () => {
    const device = await registered();
    const since = Date.now();
    expect(
      (
        await hook(events, {
          event: "client.connected",
          clientid: device.deviceId,
          username: device.deviceId,
          connected_at: since,
        })
      ).json,
    ).toEqual({ recorded: true });
    expect((await hook(events, { event: "client.connected", clientid: "dashboard-user" })).json).toEqual({
      recorded: false,
    });
    expect((await hook(events, { event: "client.connected", clientid: device.deviceId }, null)).status).toBe(401);
    expect((await hook(events, { event: "session.created", clientid: device.deviceId })).status).toBe(422);
    await hub.stop(); // flushes the batched presence writes
    const feed = await findDevicePresenceChanges({ partnerId: device.partnerId, ids: [device.deviceId], since });
    expect(feed.devices).toMatchObject([{ id: device.deviceId, isConnected: true }]);
    await hook(events, { event: "client.disconnected", clientid: device.deviceId, reason: "normal" });
    await hub.stop();
    const row = await db.device.findUniqueOrThrow({ where: { id: device.deviceId } });
    expect(row.isConnected).toBe(false);
    expect(row.disconnectedAt).toBeInstanceOf(Date);
  });

  it("admit the portal's own session (its account, a per-process client id, the shared secret) as superuser, nothing else", async () => {
    const secret = process.env.HUB_AUTH_SECRET!;
    const portalLogin = (clientid: string, password: string) =>
      hook(authn, { clientid, username: "partner-hub-portal", password });
    expect((await portalLogin("partner-hub-portal-1a2b", secret)).json).toEqual({
      result: "allow",
      is_superuser: true,
    });
    expect((await portalLogin("partner-hub-portal-1a2b", `${secret}x`)).json).toEqual({
      result: "deny",
      is_superuser: false,
    });
    expect((await portalLogin("someone-else", secret)).json).toEqual({ result: "deny", is_superuser: false });
  });

  it("learn a device's subscriptions from the webhook, so commands and configs reach it on the topic it listens on", async () => {
    const device = await registered();
    const subscribed: string[] = [];
    hub.on("subscribe", (_id, filter) => subscribed.push(filter));
    const filter = `v1/device/${device.deviceId}/command`;
    expect(
      (await hook(events, { event: "session.subscribed", clientid: device.deviceId, topic: filter })).json,
    ).toEqual({
      recorded: true,
    });
    expect(hub.sessionOf(device.deviceId)?.filters).toEqual([filter]);
    expect(subscribed).toEqual([filter]);
    // Another device's topics are refused by the broker, and not kept.
    await hook(events, { event: "session.subscribed", clientid: device.deviceId, topic: "v1/device/+/command" });
    expect(hub.sessionOf(device.deviceId)?.filters).toEqual([filter]);
    await hook(events, { event: "session.unsubscribed", clientid: device.deviceId, topic: filter });
    expect(hub.sessionOf(device.deviceId)?.filters).toEqual([]);
    expect((await hook(events, { event: "session.subscribed", clientid: device.deviceId })).status).toBe(422);
    // A device this process heard nothing of: it cannot tell.
    expect(hub.sessionOf("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("answer 404 when the running hub is not the EMQX one", async () => {
    setRunningHub(undefined);
    try {
      expect((await connect("00000000-0000-4000-8000-000000000000", "k")).status).toBe(404);
    } finally {
      setRunningHub(hub);
    }
    expect(await db.device.count({ where: { id: "00000000-0000-4000-8000-000000000000" } })).toBe(0);
  });
});
