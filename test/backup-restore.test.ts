import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "@/lib/database/database-backup";
import { isPostgresUrl } from "@/lib/database/database-url";
import { hubFiles } from "@/lib/hub/mosquitto-config";
import { createDatabaseClient } from "@/lib/server/database/db";
import { admittedDeviceWhere } from "@/lib/server/data/devices/find-hub-credentials";
import { body, call, modelWithKey } from "./support/device-api";
import { connectDevice, startTestHub } from "./support/hub";
import { onPostgresServer, postgresDatabaseUrl } from "./support/postgres-server";
import { useRunningTestHub } from "./support/running-hub";

useRunningTestHub();
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** An empty database to restore into, of the kind the tests run on. */
async function emptyDatabase(dir: string): Promise<string> {
  if (!isPostgresUrl(process.env.DATABASE_URL!)) return `file:${path.join(dir, "restored.db")}`;
  const name = `partner_hub_restore_${randomBytes(4).toString("hex")}`;
  await onPostgresServer(`CREATE DATABASE "${name}"`);
  cleanups.push(() => onPostgresServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  return postgresDatabaseUrl(name);
}

type Registered = { id: string; accessKey: string };

describe("[OPS] backup and restore", () => {
  it("a backup taken while registrations run restores into a hub whose devices all connect with their keys", async () => {
    const model = await modelWithKey("MQTT");
    const registered: Registered[] = [];
    const register = async () => {
      const { status, json } = await call("register", body(model.hardwareKey));
      expect(status).toBe(201);
      registered.push({ id: json.id as string, accessKey: json.access_key as string });
    };
    // Three clients keep registering until the backup is done, and a little after.
    let isBackupDone = false;
    let afterBackup = 0;
    const clients = Array.from({ length: 3 }, async () => {
      while (!isBackupDone || afterBackup < 3) {
        await register();
        if (isBackupDone) afterBackup += 1;
      }
    });
    while (registered.length < 10) await register();
    const dir = mkdtempSync(path.join(".tmp", "backup-"));
    const file = path.join(dir, "partner-hub.backup");
    const beforeBackup = registered.map((device) => device.id);
    await backupDatabase(process.env.DATABASE_URL!, file);
    isBackupDone = true;
    await Promise.all(clients);
    // Registered once the backup had finished: surely not in it.
    const later: Registered = { id: "", accessKey: "" };
    {
      const { json } = await call("register", body(model.hardwareKey));
      Object.assign(later, { id: json.id as string, accessKey: json.access_key as string });
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restoredUrl = await emptyDatabase(dir);
    await restoreDatabase(file, restoredUrl);
    const restored = createDatabaseClient(restoredUrl);
    cleanups.push(() => restored.$disconnect());
    const inBackup = (await restored.device.findMany({ where: { modelId: model.modelId }, select: { id: true } })).map(
      (device) => device.id,
    );
    // Every 201 answered before the backup began is in it; nothing is in it that was never answered.
    expect(inBackup).toEqual(expect.arrayContaining(beforeBackup));
    const keys = new Map(registered.map((device) => [device.id, device.accessKey]));
    for (const id of inBackup) expect(keys.has(id)).toBe(true);
    expect(inBackup).not.toContain(later.id);

    // A portal on the restored database: its hub's files are rebuilt from the rows, in a new folder.
    const hub = await startTestHub({
      dir: mkdtempSync(path.join(".tmp", "hub-restored-")),
      loadCredentials: async (ids) => {
        const rows = await restored.device.findMany({
          where: { ...admittedDeviceWhere, ...(ids ? { id: { in: [...ids] } } : {}) },
          select: { id: true, hubPasswordHash: true },
        });
        return new Map(rows.map((row) => [row.id, row.hubPasswordHash]));
      },
    });
    cleanups.push(() => hub.hub.stop());
    const passwordFile = readFileSync(hubFiles(path.resolve(hub.dir)).passwords, "utf8");
    for (const id of inBackup) expect(passwordFile).toContain(`${id}:$7$`);

    const results = await Promise.all(inBackup.map((id) => connectDevice(hub.url, id, keys.get(id)!)));
    expect(results.map((result) => result.reasonCode)).toEqual(inBackup.map(() => 0));
    for (const result of results) result.client?.end(true);
    expect((await connectDevice(hub.url, later.id, later.accessKey)).reasonCode).toBe(135);
  });
});
