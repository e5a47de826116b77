import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/runtime/logger";
import { connectedAdapter, db } from "@/lib/server/database/db";
import type { DeviceCredentials } from "@/lib/hub/credential-pool";
import { newDeviceCredentials } from "@/lib/server/data/devices/new-access-key";
import { body, call, modelWithKey } from "./support/device-api";
import { connectDevice } from "./support/hub";
import { useRunningTestHub } from "./support/running-hub";

// Every credential the hub's pool generates, by id: the keys of those whose 201 never came.
const generated = new Map<string, DeviceCredentials>();
const running = useRunningTestHub({
  newCredentials: async () => {
    const credentials = await newDeviceCredentials();
    generated.set(credentials.id, credentials);
    return credentials;
  },
});

/**
 * The next device insert (registration's one INSERT, run on Prisma's driver
 * adapter; the device's id its first value) fails as a lost connection does:
 * after the row committed, or before it was sent. Other statements pass.
 */
function failNextInsert(when: "after commit" | "before sending"): { id: () => string } {
  let id = "";
  vi.spyOn(logger("device-api"), "error").mockImplementation(() => undefined); // the route logs the 500's cause
  const adapter = connectedAdapter();
  if (!adapter) throw new Error("the database has not connected yet");
  const realExecuteRaw = adapter.executeRaw.bind(adapter);
  const spy = vi.spyOn(adapter, "executeRaw").mockImplementation(async (statement) => {
    if (!/^\s*INSERT INTO "Device"/.test(statement.sql)) return realExecuteRaw(statement);
    spy.mockRestore();
    id = statement.args[0] as string;
    if (when === "after commit") await realExecuteRaw(statement);
    throw new Error("Connection terminated unexpectedly");
  });
  return { id: () => id };
}

async function register(hardwareKey: string, extra: Record<string, unknown> = {}) {
  const { status, json } = await call("register", body(hardwareKey, extra));
  return { status, id: json.id as string | undefined, accessKey: json.access_key as string | undefined };
}

const passwordFileIds = () =>
  readFileSync(path.join(running.current.dir, "passwords"), "utf8")
    .split("\n")
    .map((line) => line.slice(0, line.indexOf(":")));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("[API] an insert whose outcome is unknown never lends its id again", () => {
  it("committed but reported failed: a 500, then the id stays a device and every later registration gets a new one", async () => {
    const model = await modelWithKey();
    const failed = failNextInsert("after commit");
    expect((await register(model.hardwareKey)).status).toBe(500);
    const doubtful = failed.id();
    expect(await db.device.count({ where: { id: doubtful } })).toBe(1);

    // Handed out again, the id would collide with its own row: 409 "device: already registered".
    const later = await Promise.all(Array.from({ length: 3 }, () => register(model.hardwareKey)));
    expect(later.map((result) => result.status)).toEqual([201, 201, 201]);
    expect(later.map((result) => result.id)).not.toContain(doubtful);

    // The broker agrees with the database: the stored device is admitted with its key.
    await running.current.hub.syncDevices([]);
    const { client, reasonCode } = await connectDevice(
      running.current.url,
      doubtful,
      generated.get(doubtful)!.accessKey,
    );
    expect(reasonCode).toBe(0);
    client?.end(true);
  });

  it("failed before the row was sent: the id is dropped from the broker and never handed out", async () => {
    const model = await modelWithKey();
    const failed = failNextInsert("before sending");
    expect((await register(model.hardwareKey)).status).toBe(500);
    const lost = failed.id();
    expect(await db.device.count({ where: { id: lost } })).toBe(0);

    const later = await Promise.all(Array.from({ length: 3 }, () => register(model.hardwareKey)));
    expect(later.map((result) => result.status)).toEqual([201, 201, 201]);
    expect(later.map((result) => result.id)).not.toContain(lost);

    await running.current.hub.syncDevices([]);
    expect(passwordFileIds()).not.toContain(lost);
    expect((await connectDevice(running.current.url, lost, generated.get(lost)!.accessKey)).reasonCode).toBe(135);
  });

  it("a row the database refused (a duplicate serial number) gives its id to the next registration", async () => {
    const model = await modelWithKey();
    const first = await register(model.hardwareKey, { sn: "DUP-1" });
    expect(first.status).toBe(201);
    const issued = vi.spyOn(running.current.hub, "issueCredentials");
    expect((await register(model.hardwareKey, { sn: "DUP-1" })).status).toBe(409);
    const refusedId = ((await issued.mock.results[0]!.value) as DeviceCredentials).id;
    const next = await register(model.hardwareKey);
    expect(next).toMatchObject({ status: 201, id: refusedId });
  });
});
