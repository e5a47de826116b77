import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { addFastRoutes, findFastRoute, serveFastRoute } from "@/lib/runtime/fast-routes";
import { db } from "@/lib/server/database/db";
import { createApiToken } from "@/lib/server/data/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/data/api-tokens/revoke-api-token";
import { forgetApiToken, forgetApiTokensOf } from "@/lib/server/data/api-tokens/api-token-cache";
import { queueCommand } from "@/lib/server/data/commands/queue-command";
import { MANAGEMENT_ROUTES, matchManagementRoute } from "@/lib/server/management-api/routes";
import { managementFastRoute, serveManagementRequest } from "@/lib/server/management-api/serve-management-api";
import { PROTOCOL_LOCKED_MESSAGE } from "@/lib/schemas/model";
import type { Role } from "@/lib/auth/policy";
import { managementApiDocument } from "@/lib/management-api/openapi";
import { jsonSchema } from "@/lib/device-api/openapi-parts";
import { createRollout } from "@/lib/server/data/rollouts/create-rollout";
import { newRolloutSchema } from "@/lib/schemas/rollout";
import { POST as uploadByToken } from "@/app/api/v1/models/[modelId]/firmware/route";
import { GET as downloadDump } from "@/app/api/v1/dumps/[dumpId]/route";
import { receiveDump } from "@/lib/server/dumps/receive-dump";
import { body, call, modelWithKey } from "./support/device-api";
import { storedFirmware } from "./support/firmware";
import { useRunningTestHub } from "./support/running-hub";
import { makeModel } from "./support/partners";
import { makeTeam } from "./support/team";
import { scaled } from "./support/slowdown";
import { openIncident } from "@/lib/server/data/incidents/open-incident";
import { createLicenseType } from "@/lib/server/data/licenses/license-types";
import { issueLicense } from "@/lib/server/data/licenses/issue-license";
import { issueLicenseSchema } from "@/lib/schemas/license";
import type { output, ZodType } from "zod";
import { queueTelemetry } from "@/lib/server/data/telemetry/telemetry-buffer";
import {
  connectionEvent,
  dumpRecord,
  incidentRecord,
  licenseRecord,
  pageOf,
  telemetryHistory,
} from "@/lib/management-api/record-schemas";

useRunningTestHub();

type Answer = { status: number; json: Record<string, unknown> & { error?: { code: string; message: string } } };

/** Calls the management API as an HTTP client would, through its route table. */
async function api(token: string | null, method: string, path: string, payload?: unknown): Promise<Answer> {
  const url = new URL(path, "http://portal.test");
  if (!matchManagementRoute(method, url.pathname)) throw new Error(`no route ${method} ${path}`);
  const request = new Request(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(payload === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  const response = await serveManagementRequest(request);
  return { status: response.status, json: (await response.json()) as Answer["json"] };
}

/** A partner with a model, a key, a registered device, a command and a token of `role`. */
async function partnerWithFleet(role: Role = "admin") {
  const model = await modelWithKey("HTTP");
  const registered = await call("register", body(model.hardwareKey));
  const deviceId = registered.json.id as string;
  const command = await queueCommand({ ...model, deviceId, command: { name: "reboot", parameters: {} } });
  const token = await createApiToken({
    ...model,
    actorRole: "owner",
    input: { name: `${role} script`, role, expiresInDays: null },
  });
  const fileId = await storedFirmware({ ...model, version: "9.9.9" });
  const rollout = await createRollout({
    ...model,
    input: newRolloutSchema.parse({ modelId: model.modelId, fileId, target: "all" }),
  });
  const device = await db.device.findUniqueOrThrow({ where: { id: deviceId } });
  const incident = await openIncident({
    device,
    input: { title: "Fan stalled", issue: "fan", priority: "high", description: null },
  });
  const type = await createLicenseType({ ...model, input: { modelId: model.modelId, name: "Pro", description: null } });
  const license = await issueLicense({
    ...model,
    input: issueLicenseSchema.parse({ deviceId, typeId: type.id, data: '{"seats":1}' }),
  });
  return {
    ...model,
    deviceId,
    commandId: command.id,
    fileId,
    rolloutId: rollout.id,
    incidentId: incident.id,
    typeId: type.id,
    licenseId: license.id,
    token: token.secret,
    tokenId: token.id,
  };
}

describe("[API TOKENS] authentication", () => {
  it("refuses a missing, unknown, revoked or expired token with one error shape", async () => {
    const partner = await partnerWithFleet();
    expect(await api(null, "GET", "/api/v1/models")).toMatchObject({
      status: 401,
      json: { error: { code: "UNAUTHENTICATED" } },
    });
    expect((await api("pht_not-a-token", "GET", "/api/v1/models")).json.error?.message).toMatch(/Unknown/);
    expect((await api(partner.token, "GET", "/api/v1/models")).status).toBe(200);

    await revokeApiToken({ ...partner, tokenId: partner.tokenId });
    const revoked = await api(partner.token, "GET", "/api/v1/models");
    expect(revoked.status).toBe(401);
    expect(revoked.json.error?.message).toMatch(/revoked/);

    const expiring = await createApiToken({
      ...partner,
      actorRole: "owner",
      input: { name: "short", role: "viewer", expiresInDays: 1 },
    });
    await db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const expired = await api(expiring.secret, "GET", "/api/v1/models");
    expect(expired.status).toBe(401);
    expect(expired.json.error?.message).toMatch(/expired/);
  });

  it("acts with the token's role and records its last use", async () => {
    const partner = await partnerWithFleet("viewer");
    expect((await api(partner.token, "GET", "/api/v1/devices")).status).toBe(200);
    const refused = await api(partner.token, "POST", "/api/v1/models", { name: "X" });
    expect(refused).toMatchObject({ status: 403, json: { error: { code: "FORBIDDEN" } } });
    expect((await api(partner.token, "POST", `/api/v1/devices/${partner.deviceId}/disable`)).status).toBe(403);
    // The last use is written beside the call, not before its answer (a read must not wait on a write).
    const lastUsedAt = async () => (await db.apiToken.findUniqueOrThrow({ where: { id: partner.tokenId } })).lastUsedAt;
    await expect.poll(lastUsedAt, { timeout: scaled(5_000) }).not.toBeNull();
  });

  it("an admin cannot mint an owner token", async () => {
    const partner = await modelWithKey("HTTP");
    await expect(
      createApiToken({ ...partner, actorRole: "admin", input: { name: "x", role: "owner", expiresInDays: null } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("[API TOKENS] a token never does more than its creator may now", () => {
  it("acts with its creator's lower role after a demotion, and is refused once they leave", async () => {
    const team = await makeTeam("Tokens");
    const admin = team.members.admin;
    const modelId = await makeModel(team);
    const token = await createApiToken({
      partnerId: team.partnerId,
      actor: { userId: admin.userId, label: admin.email },
      actorRole: "admin",
      input: { name: "admin's script", role: "admin", expiresInDays: null },
    });
    const createKey = () =>
      api(token.secret, "POST", `/api/v1/models/${modelId}/hardware-keys`, { label: `Batch ${Date.now()}` });
    expect((await createKey()).status).toBe(201);

    // Demoted to developer (the members page does this, then forgets what it cached of them).
    await db.member.updateMany({
      where: { organizationId: team.partnerId, userId: admin.userId },
      data: { role: "developer" },
    });
    forgetApiTokensOf(admin.userId);
    expect(await createKey()).toMatchObject({ status: 403, json: { error: { code: "FORBIDDEN" } } });
    expect((await api(token.secret, "GET", "/api/v1/models")).status).toBe(200);

    // Removed from the partner: the token is refused, whatever its role says.
    await db.member.deleteMany({ where: { organizationId: team.partnerId, userId: admin.userId } });
    forgetApiTokensOf(admin.userId);
    const refused = await api(token.secret, "GET", "/api/v1/models");
    expect(refused).toMatchObject({ status: 401, json: { error: { code: "UNAUTHENTICATED" } } });
    expect(refused.json.error?.message).toMatch(/no longer a member/);
    expect(await createKey()).toMatchObject({ status: 401 });
  });

  it("is refused when it has no creator on record", async () => {
    const partner = await partnerWithFleet();
    await db.apiToken.update({ where: { id: partner.tokenId }, data: { createdByUserId: null } });
    forgetApiToken(partner.tokenId);
    expect((await api(partner.token, "GET", "/api/v1/models")).status).toBe(401);
  });
});

describe("[API TOKENS] tenancy: partner A's token never reaches partner B", () => {
  it("every endpoint of the route table, with B's ids, answers 404 or lists only A's rows", async () => {
    const a = await partnerWithFleet("owner");
    const b = await partnerWithFleet("owner");
    const ids = {
      modelId: b.modelId,
      keyId: b.keyId,
      deviceId: b.deviceId,
      fileId: b.fileId,
      rolloutId: b.rolloutId,
      incidentId: b.incidentId,
      licenseId: b.licenseId,
    };
    const payloads: Record<string, unknown> = {
      "POST /api/v1/models": {
        name: "A's new model",
        device_type: "PHYSICAL",
        offline_threshold_minutes: 5,
        communication_protocol: "MQTT",
      },
      "PATCH /api/v1/models/:modelId": { name: "Taken over" },
      "POST /api/v1/models/:modelId/hardware-keys": { label: "Stolen batch" },
      "POST /api/v1/devices/:deviceId/commands": { name: "reboot", parameters: {} },
      "PUT /api/v1/devices/:deviceId/config": { config: { hijacked: true } },
      "POST /api/v1/rollouts": { model_id: b.modelId, file_id: b.fileId, target: "all" },
      "POST /api/v1/devices/:deviceId/licenses": { type_id: b.typeId },
    };
    // Creations that name B's objects in the body rather than the path.
    const refused: Record<string, number> = { "POST /api/v1/rollouts": 404 };
    for (const route of Object.keys(MANAGEMENT_ROUTES)) {
      const [method, template] = route.split(" ") as [string, string];
      const path = template.replace(/:([A-Za-z]+)/g, (_, name: keyof typeof ids) => ids[name]);
      const answer = await api(a.token, method, path, payloads[route]);
      const text = JSON.stringify(answer.json);
      if (template.includes(":") || refused[route]) {
        expect({ route, status: answer.status }).toEqual({ route, status: 404 });
      } else {
        expect({ route, status: answer.status }).toEqual({ route, status: method === "POST" ? 201 : 200 });
      }
      for (const id of [
        b.modelId,
        b.keyId,
        b.deviceId,
        b.commandId,
        b.partnerId,
        b.fileId,
        b.rolloutId,
        b.licenseId,
        b.incidentId,
      ]) {
        expect({ route, leaks: text.includes(id) }).toEqual({ route, leaks: false });
      }
    }
    // B's rows are as they were.
    const model = await db.deviceModel.findUniqueOrThrow({ where: { id: b.modelId } });
    expect(model.name).not.toBe("Taken over");
    expect(await db.hardwareKey.count({ where: { modelId: b.modelId } })).toBe(1);
    const device = await db.device.findUniqueOrThrow({ where: { id: b.deviceId } });
    expect(device).toMatchObject({ isEnabled: true, configVersion: 0 });
    expect(await db.deviceCommand.count({ where: { deviceId: b.deviceId } })).toBe(1);
    expect(await db.firmwareFile.count({ where: { id: b.fileId } })).toBe(1);
    expect((await db.firmwareRollout.findUniqueOrThrow({ where: { id: b.rolloutId } })).status).toBe("running");
    expect((await db.incident.findUniqueOrThrow({ where: { id: b.incidentId } })).status).toBe("active");
    expect((await db.deviceLicense.findUniqueOrThrow({ where: { id: b.licenseId } })).desired).toBe("active");
    expect(await db.deviceLicense.count({ where: { deviceId: b.deviceId } })).toBe(1);
  });
});

describe("[API TOKENS] models and devices", () => {
  it("the protocol cannot be changed through the API, whatever the body says", async () => {
    const partner = await partnerWithFleet();
    for (const crafted of [
      { communication_protocol: "MQTT" },
      { communicationProtocol: "MQTT" },
      { protocol: "MQTT", name: "Renamed" },
    ]) {
      const answer = await api(partner.token, "PATCH", `/api/v1/models/${partner.modelId}`, crafted);
      expect(answer).toMatchObject({
        status: 409,
        json: { error: { code: "CONFLICT", message: PROTOCOL_LOCKED_MESSAGE } },
      });
    }
    const renamed = await api(partner.token, "PATCH", `/api/v1/models/${partner.modelId}`, { name: "Renamed" });
    expect(renamed).toMatchObject({ status: 200, json: { name: "Renamed", communication_protocol: "HTTP" } });
  });

  it("creates a model and a key, lists devices with the page's filters and a cursor", async () => {
    const partner = await partnerWithFleet();
    const created = await api(partner.token, "POST", "/api/v1/models", {
      name: "Via API",
      device_type: "PHYSICAL",
      offline_threshold_minutes: 5,
      communication_protocol: "HTTP",
    });
    expect(created).toMatchObject({
      status: 201,
      json: { name: "Via API", communication_protocol: "HTTP", device_type: "PHYSICAL", device_count: 0 },
    });
    // One casing: the portal's camelCase names are refused by name, not silently ignored.
    const camel = await api(partner.token, "POST", "/api/v1/models", {
      name: "Camel",
      deviceType: "PHYSICAL",
      offline_threshold_minutes: 5,
      communication_protocol: "HTTP",
    });
    expect(camel).toMatchObject({
      status: 422,
      json: { error: { fields: { deviceType: ["fields are snake_case: device_type"] } } },
    });
    const missing = await api(partner.token, "POST", "/api/v1/models", {
      name: "No type",
      communication_protocol: "HTTP",
    });
    expect(missing).toMatchObject({
      status: 422,
      json: { error: { fields: { device_type: ["Choose a device type"] } } },
    });
    const key = await api(partner.token, "POST", `/api/v1/models/${created.json.id as string}/hardware-keys`, {
      label: "API batch",
      expected_devices: 3,
    });
    expect(key.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await call("register", body(key.json.secret as string))).status).toBe(201);

    const first = await api(partner.token, "GET", `/api/v1/devices?model=${created.json.id as string}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.json.data).toHaveLength(2);
    const second = await api(
      partner.token,
      "GET",
      `/api/v1/devices?model=${created.json.id as string}&limit=2&cursor=${first.json.next_cursor as string}`,
    );
    expect(second.json.data).toHaveLength(1);
    expect(second.json.next_cursor).toBeNull();
    expect((second.json.data as unknown[])[0]).toMatchObject({
      firmware_version: "1.4.2",
      is_enabled: true,
      status: "never",
    });
    const keys = await api(partner.token, "GET", `/api/v1/models/${created.json.id as string}/hardware-keys`);
    expect((keys.json.data as unknown[])[0]).toMatchObject({
      label: "API batch",
      expected_devices: 3,
      device_count: 3,
    });

    const invalid = await api(partner.token, "GET", "/api/v1/devices?status=sleeping");
    expect(invalid).toMatchObject({ status: 422, json: { error: { code: "VALIDATION" } } });
  });

  it("pages a device's commands newest first with a keyset cursor, without repeats or gaps", async () => {
    const partner = await partnerWithFleet("viewer");
    // Five commands in all; the last two share a creation time, so the id breaks the tie.
    const sameTime = new Date();
    for (let i = 1; i <= 4; i++) {
      const { id } = await queueCommand({ ...partner, command: { name: `step-${i}`, parameters: {} } });
      if (i >= 3) await db.deviceCommand.update({ where: { id }, data: { createdAt: sameTime } });
    }
    const path = `/api/v1/devices/${partner.deviceId}/commands`;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(partner.token, "GET", `${path}?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      const data = page.json.data as { id: string; created_at: string }[];
      expect(data.length).toBeLessThanOrEqual(2);
      seen.push(...data.map((command) => command.id));
      cursor = page.json.next_cursor as string | null;
    } while (cursor);
    const all = await db.deviceCommand.findMany({
      where: { deviceId: partner.deviceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(all).toHaveLength(5);
    expect(seen).toEqual(all.map((command) => command.id));

    // Without a limit one page holds them all; a tampered cursor is a readable 422, not a 500.
    expect(await api(partner.token, "GET", path)).toMatchObject({ status: 200, json: { next_cursor: null } });
    for (const bad of ["not-a-cursor", Buffer.from('["yesterday", 1]').toString("base64url")]) {
      expect(await api(partner.token, "GET", `${path}?cursor=${bad}`)).toMatchObject({
        status: 422,
        json: { error: { code: "VALIDATION", message: "cursor: not valid; start from the first page" } },
      });
    }
    expect((await api(partner.token, "GET", `${path}?limit=500`)).status).toBe(422);
  });
});

/** The management API as server.ts serves it: node:http, the fast routes, no Web Request or Response. */
async function fastServer() {
  addFastRoutes(
    Object.fromEntries(Object.entries(MANAGEMENT_ROUTES).map(([key, handler]) => [key, managementFastRoute(handler)])),
  );
  const server = createServer((req, res) => {
    const found = findFastRoute(req);
    if (found) return void serveFastRoute(found, req, res);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("[API TOKENS] server.ts's fast route answers as the Web route does", () => {
  it("same status, body and headers for refusals, bad bodies and reads", async () => {
    const base = await fastServer();
    const admin = await partnerWithFleet("admin");
    const viewer = await createApiToken({
      ...admin,
      actorRole: "owner",
      input: { name: "viewer script", role: "viewer", expiresInDays: null },
    });
    const cases: { token: string | null; method: string; path: string; type?: string; raw?: string }[] = [
      { token: null, method: "GET", path: "/api/v1/models" },
      { token: "pht_not-a-token", method: "GET", path: "/api/v1/models" },
      { token: viewer.secret, method: "GET", path: `/api/v1/devices/${admin.deviceId}` },
      { token: viewer.secret, method: "POST", path: `/api/v1/models/${admin.modelId}/hardware-keys`, raw: "{}" },
      { token: admin.token, method: "POST", path: "/api/v1/models", type: "text/plain", raw: "{}" },
      { token: admin.token, method: "POST", path: "/api/v1/models", raw: "[1, 2]" },
      { token: admin.token, method: "POST", path: "/api/v1/models", raw: "{not json" },
      { token: admin.token, method: "POST", path: "/api/v1/models", raw: JSON.stringify({ name: "" }) },
      { token: admin.token, method: "PATCH", path: `/api/v1/models/${admin.modelId}`, raw: '{"protocol":"MQTT"}' },
      { token: admin.token, method: "GET", path: "/api/v1/devices?limit=500" },
      { token: admin.token, method: "GET", path: `/api/v1/devices?model=${admin.modelId}&status=never` },
      { token: admin.token, method: "GET", path: "/api/v1/devices/no-such-device" },
    ];
    for (const one of cases) {
      const init = {
        method: one.method,
        headers: {
          ...(one.token ? { authorization: `Bearer ${one.token}` } : {}),
          ...(one.raw === undefined ? {} : { "content-type": one.type ?? "application/json" }),
        },
        ...(one.raw === undefined ? {} : { body: one.raw }),
      };
      const web = await serveManagementRequest(new Request(new URL(one.path, "http://portal.test"), init));
      const fast = await fetch(`${base}${one.path}`, init);
      const label = `${one.method} ${one.path} ${one.raw ?? ""}`;
      expect({
        label,
        status: fast.status,
        body: (await fast.json()) as unknown,
        cache: fast.headers.get("cache-control"),
      }).toEqual({
        label,
        status: web.status,
        body: (await web.json()) as unknown,
        cache: web.headers.get("cache-control"),
      });
      expect(fast.headers.get("content-type")).toMatch(/^application\/json/);
    }
    // A write through the fast route does what the Web route's does.
    const created = await fetch(`${base}/api/v1/models`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Fast",
        device_type: "PHYSICAL",
        offline_threshold_minutes: 5,
        communication_protocol: "MQTT",
      }),
    });
    expect(created.status).toBe(201);
    const model = (await created.json()) as { id: string };
    expect(await db.deviceModel.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({
      name: "Fast",
      communicationProtocol: "MQTT",
    });
  });
});

describe("[API TOKENS] firmware and rollouts", () => {
  it("a build pipeline uploads a file, rolls it out, watches and pauses it; a viewer token may only read", async () => {
    const partner = await partnerWithFleet("developer");
    const second = await call("register", body(partner.hardwareKey));
    const upload = async (token: string, version: string, bytes: Uint8Array<ArrayBuffer>) =>
      uploadByToken(
        new Request(`http://portal.test/api/v1/models/${partner.modelId}/firmware?name=CI%20build&version=${version}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body: bytes,
        }),
        { params: Promise.resolve({ modelId: partner.modelId }) },
      );
    const uploaded = await upload(partner.token, "10.0.0", new Uint8Array(3000).fill(1));
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string; size: number };
    expect(file.size).toBe(3000);
    const notSemver = await upload(partner.token, "10.0", new Uint8Array(10));
    expect(notSemver.status).toBe(422);
    expect(await notSemver.json()).toMatchObject({
      error: { code: "VALIDATION", fields: { version: ["must be SemVer like 1.2.3"] } },
    });

    const files = await api(partner.token, "GET", `/api/v1/models/${partner.modelId}/firmware`);
    expect((files.json as { data: { version: string }[] }).data.map((f) => f.version)).toEqual(["10.0.0", "9.9.9"]);
    // The fleet's one device is still in the rollout partnerWithFleet began; the new device is free.
    const busy = await api(partner.token, "POST", "/api/v1/rollouts", {
      model_id: partner.modelId,
      file_id: file.id,
      target: "all",
    });
    expect(busy).toMatchObject({
      status: 409,
      json: { error: { message: expect.stringContaining(partner.rolloutId) as string } },
    });
    // A target by the device list's filters names them in snake_case, and a bad one by name.
    const badFilter = await api(partner.token, "POST", "/api/v1/rollouts", {
      model_id: partner.modelId,
      file_id: file.id,
      target: "filters",
      filter_status: "sleeping",
    });
    expect(badFilter).toMatchObject({
      status: 422,
      json: { error: { fields: { filter_status: [expect.stringMatching(/^Status must be one of online/)] } } },
    });
    await api(partner.token, "POST", `/api/v1/rollouts/${partner.rolloutId}/cancel`);
    const started = await api(partner.token, "POST", "/api/v1/rollouts", {
      model_id: partner.modelId,
      file_id: file.id,
      target: "all",
      stages: [50, 100],
      devices_per_minute: 10,
    });
    expect(started).toMatchObject({ status: 201, json: { devices: 2 } });
    const id = (started.json as { id: string }).id;
    const read = await api(partner.token, "GET", `/api/v1/rollouts/${id}`);
    expect(read.json).toMatchObject({
      status: "running",
      stages: [50, 100],
      devices_per_minute: 10,
      file: { version: "10.0.0", file_type: "firmware" },
    });
    expect(await api(partner.token, "POST", `/api/v1/rollouts/${id}/pause`)).toMatchObject({
      status: 200,
      json: { id, status: "paused" },
    });
    expect((await api(partner.token, "POST", `/api/v1/rollouts/${id}/pause`)).status).toBe(409);
    expect((await api(partner.token, "DELETE", `/api/v1/firmware/${file.id}`)).status).toBe(409);

    const viewer = await createApiToken({
      ...partner,
      actorRole: "owner",
      input: { name: "ro", role: "viewer", expiresInDays: null },
    });
    expect((await upload(viewer.secret, "11.0.0", new Uint8Array(10))).status).toBe(403);
    expect((await api(viewer.secret, "POST", `/api/v1/rollouts/${id}/resume`)).status).toBe(403);
    expect((await api(viewer.secret, "GET", `/api/v1/models/${partner.modelId}/rollouts`)).status).toBe(200);
    expect(second.status).toBe(201);
  });
});

describe("[API TOKENS] OpenAPI document", () => {
  it("describes every route of the route table", () => {
    const paths = managementApiDocument("http://portal.test").paths as Record<string, Record<string, unknown>>;
    for (const route of Object.keys(MANAGEMENT_ROUTES)) {
      const [method, template] = route.split(" ") as [string, string];
      const path = template.replace(/:([A-Za-z]+)/g, "{$1}");
      expect({ route, isDescribed: Boolean(paths[path]?.[method.toLowerCase()]) }).toEqual({
        route,
        isDescribed: true,
      });
    }
  });
});

describe("[API TOKENS] answers typed in the document", () => {
  it("documents each route's answer with the schema its handler is checked against", () => {
    const document = managementApiDocument("http://portal.test");
    const paths = document.paths as unknown as Record<string, Record<string, Operation>>;
    const components = document.components.schemas as Record<string, object>;
    for (const [route, handler] of Object.entries(MANAGEMENT_ROUTES)) {
      const [method, template] = route.split(" ") as [string, string];
      const operation = paths[template.replace(/:([A-Za-z]+)/g, "{$1}")]![method.toLowerCase()]!;
      const success = Object.keys(operation.responses).find((status) => status.startsWith("2"))!;
      const documented = operation.responses[success]!.content["application/json"].schema;
      const resolved = documented.$ref ? components[documented.$ref.split("/").at(-1)!] : documented;
      expect({ route, schema: resolved }).toEqual({ route, schema: jsonSchema(handler.response) });
    }
  });
});

type Operation = { responses: Record<string, { content: { "application/json": { schema: { $ref?: string } } } }> };

describe("[API TOKENS] a device's records, each answer checked against its documented schema", () => {
  it("telemetry history, connection history, incidents, licences and dumps; closing, issuing and revoking", async () => {
    const partner = await partnerWithFleet("admin");
    const device = await db.device.findUniqueOrThrow({ where: { id: partner.deviceId } });
    // Telemetry the device sent, as the records then show it.
    for (const temp of [20, 22, 27]) {
      await queueTelemetry({
        deviceId: device.id,
        receivedAt: new Date(),
        body: { status: "online", telemetries: { temp, mode: "eco" } },
        via: "http",
      });
    }
    const check = <S extends ZodType>(schemaOf: S, answer: Answer): output<S> => {
      expect(answer.status).toBe(200);
      const parsed = schemaOf.safeParse(answer.json);
      expect(parsed.error?.issues ?? []).toEqual([]);
      return parsed.data as output<S>;
    };
    const base = `/api/v1/devices/${device.id}`;

    const history = check(telemetryHistory, await api(partner.token, "GET", `${base}/telemetry?bucket=60`));
    expect(history.latest).toMatchObject({ status: "online", values: { temp: 27, mode: "eco" } });
    expect(history.bucket_minutes).toBe(60);
    const temp = history.series.find((series) => series.key === "temp");
    expect(temp?.points.at(-1)).toMatchObject({ min: 20, max: 27, count: 3 });
    expect(temp!.points.at(-1)!.avg).toBeCloseTo(23, 5);
    // Buckets hold several minutes: 30 minutes of figures in 10-minute buckets are 3 points of 10 minutes each.
    const start = Math.floor(Date.now() / 600_000) * 10 - 40;
    await db.telemetryMinute.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        deviceId: device.id,
        key: "rpm",
        minute: start + i,
        count: 12,
        sum: 12 * i,
        min: i,
        max: i,
        last: i,
      })),
    });
    const since = new Date(start * 60_000).toISOString();
    const until = new Date((start + 30) * 60_000).toISOString();
    const rpm = check(
      telemetryHistory,
      await api(partner.token, "GET", `${base}/telemetry?from=${since}&to=${until}&bucket=10&keys=rpm`),
    );
    expect(rpm.series[0]!.points.map(({ count, min, max, avg }) => ({ count, min, max, avg }))).toEqual([
      { count: 120, min: 0, max: 9, avg: 4.5 },
      { count: 120, min: 10, max: 19, avg: 14.5 },
      { count: 120, min: 20, max: 29, avg: 24.5 },
    ]);
    const bad = await api(partner.token, "GET", `${base}/telemetry?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`);
    expect(bad).toMatchObject({ status: 422, json: { error: { fields: { from: ["the range is at most 31 days"] } } } });
    expect((await api(partner.token, "GET", `${base}/telemetry?bucket=0`)).status).toBe(422);

    check(pageOf(connectionEvent), await api(partner.token, "GET", `${base}/history`));
    expect((await api(partner.token, "GET", `${base}/history?cursor=abc`)).status).toBe(422);

    const incidents = check(pageOf(incidentRecord), await api(partner.token, "GET", `${base}/incidents`));
    expect(incidents.data.map((incident) => incident.status)).toEqual(["active"]);
    expect((await api(partner.token, "POST", `/api/v1/incidents/${partner.incidentId}/close`)).status).toBe(200);
    expect((await api(partner.token, "POST", `/api/v1/incidents/${partner.incidentId}/close`)).status).toBe(409);
    const closed = check(pageOf(incidentRecord), await api(partner.token, "GET", `${base}/incidents`));
    expect(closed.data[0]).toMatchObject({ status: "closed", closed_by: 'API token "admin script"' });

    const issued = await api(partner.token, "POST", `${base}/licenses`, {
      type_id: partner.typeId,
      data: { seats: 4 },
      expires_on: "2099-01-31",
    });
    expect(issued.status).toBe(201);
    expect(licenseRecord.safeParse(issued.json).success).toBe(true);
    expect(issued.json).toMatchObject({ type: "Pro", data: { seats: 4 }, state: "pending", revoked: false });
    const refusedLicense = await api(partner.token, "POST", `${base}/licenses`, { type_id: partner.typeId, data: [1] });
    expect(refusedLicense).toMatchObject({
      status: 422,
      json: { error: { fields: { data: ["must be a JSON object"] } } },
    });
    expect((await api(partner.token, "POST", `/api/v1/licenses/${String(issued.json.id)}/revoke`)).status).toBe(200);
    const licenses = check(pageOf(licenseRecord), await api(partner.token, "GET", `${base}/licenses`));
    expect(licenses.data.map((license) => [license.revoked, license.state])).toEqual([
      [true, "removed"],
      [false, "pending"],
    ]);

    const uploaded = await receiveDump({
      device,
      mimeType: "text/plain",
      fileName: "agent log.txt",
      request: new Request("http://portal.test/dump", { method: "POST", body: "boot ok\nwifi lost\n" }),
    });
    const dumps = check(pageOf(dumpRecord), await api(partner.token, "GET", `${base}/dumps`));
    expect(dumps.data).toMatchObject([{ id: uploaded.id, filename: "agent log.txt", size: 18 }]);
    const download = (token: string, url: string) =>
      downloadDump(new Request(`http://portal.test${url}`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({ dumpId: url.split("/").at(-1)! }),
      });
    const file = await download(partner.token, dumps.data[0]!.download_url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("attachment");
    expect(await file.text()).toBe("boot ok\nwifi lost\n");
    expect((await download(partner.token, "/api/v1/dumps/not-a-dump")).status).toBe(404);
    expect((await download("pht_wrong", dumps.data[0]!.download_url)).status).toBe(401);
    const stranger = await partnerWithFleet("viewer");
    expect((await download(stranger.token, dumps.data[0]!.download_url)).status).toBe(404);

    // A viewer's token reads the records and changes none of them.
    const viewer = await createApiToken({
      ...partner,
      actorRole: "owner",
      input: { name: "viewer script", role: "viewer", expiresInDays: null },
    });
    expect((await api(viewer.secret, "GET", `${base}/licenses`)).status).toBe(200);
    expect((await api(viewer.secret, "POST", `${base}/licenses`, { type_id: partner.typeId })).status).toBe(403);
    expect((await api(viewer.secret, "POST", `/api/v1/licenses/${partner.licenseId}/revoke`)).status).toBe(403);
  });
});
