import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { connectDevice, freePort, makeDevice, startTestHub } from "./support/hub";
import { makeModel, makePartner } from "./support/partners";
import { scaled } from "./support/slowdown";

const dirs: string[] = [];
const brokersOf = (dir: string): string => {
  try {
    return execFileSync("pgrep", ["-f", path.resolve(dir)], { encoding: "utf8" }).trim();
  } catch {
    return ""; // pgrep exits 1 when nothing matches
  }
};

afterAll(() => {
  // No broker outlives the hub that started it.
  for (const dir of dirs) expect(brokersOf(dir)).toBe("");
});

function acceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function canConnect(url: string, device: { id: string; accessKey: string }): Promise<boolean> {
  const { client, reasonCode } = await connectDevice(url, device.id, device.accessKey);
  client?.end(true);
  return reasonCode === 0;
}

describe("[HUB] consistency with the database", () => {
  it("on start, devices removed or added while the portal was down are reconciled", async () => {
    const dir = mkdtempSync(path.join(".tmp", "hub-"));
    dirs.push(dir);
    const mqttPort = await freePort();
    const partner = await makePartner();
    const modelId = await makeModel(partner);
    const first = await startTestHub({ dir, mqttPort });
    const kept = await makeDevice(modelId);
    const removed = await makeDevice(modelId);
    await first.hub.syncDevices([kept.id, removed.id]);
    expect(await canConnect(first.url, removed)).toBe(true);
    await first.hub.stop();
    expect(brokersOf(dir)).toBe("");

    await db.device.delete({ where: { id: removed.id } });
    const added = await makeDevice(modelId);
    const second = await startTestHub({ dir, mqttPort });
    try {
      expect(await canConnect(second.url, kept)).toBe(true);
      expect(await canConnect(second.url, added)).toBe(true);
      expect(await canConnect(second.url, removed)).toBe(false);
    } finally {
      await second.hub.stop();
    }
  });

  it("a device admitted while a restarted broker starts up (its files read, the portal not yet connected) can connect", async () => {
    const { hub, url, mqttPort } = await startTestHub();
    const partner = await makePartner();
    const modelId = await makeModel(partner);
    try {
      const device = await makeDevice(modelId);
      process.kill(hub.brokerPid!, "SIGKILL");
      // The new broker listens once it has read its files; the portal's own
      // connection follows up to 50 ms later, and only then is the hub ready.
      await expect.poll(() => acceptsTcp(mqttPort), { timeout: scaled(5_000), interval: 2 }).toBe(true);
      await hub.syncDevices([device.id]);
      expect(await canConnect(url, device)).toBe(true);
    } finally {
      await hub.stop();
    }
  });

  it("kill -9 of the broker during 200 admissions loses none of them, nor a revocation", async () => {
    const { hub, url } = await startTestHub();
    const partner = await makePartner();
    const modelId = await makeModel(partner);
    const revoked = await makeDevice(modelId);
    await hub.syncDevices([revoked.id]);
    try {
      const devices = await Promise.all(Array.from({ length: 200 }, () => makeDevice(modelId)));
      const admissions = devices.map((device, i) =>
        new Promise((r) => setTimeout(r, i * 2)).then(() => hub.syncDevices([device.id])),
      );
      const revocation = db.device
        .update({ where: { id: revoked.id }, data: { isEnabled: false } })
        .then(() => hub.syncDevices([revoked.id]));
      await new Promise((r) => setTimeout(r, 150));
      const killedPid = hub.brokerPid!;
      process.kill(killedPid, "SIGKILL");
      await Promise.all([...admissions, revocation]);
      expect(hub.brokerPid).not.toBe(killedPid);

      const results = await Promise.all(devices.map((device) => canConnect(url, device)));
      expect(results.filter((ok) => !ok)).toHaveLength(0);
      expect(await canConnect(url, revoked)).toBe(false);
    } finally {
      await hub.stop();
    }
  });
});
