import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Packet } from "mqtt";
import { attachMqttRelay } from "@/lib/hub/mqtt-relay";
import { db } from "@/lib/server/database/db";
import { HUB_OPERATOR } from "@/lib/hub/credential-files";
import { HubUnavailableError } from "@/lib/hub/hub";
import { findHubCredentials } from "@/lib/server/data/devices/find-hub-credentials";
import { handDeviceMessagesToConversation } from "@/lib/server/start/start-hub";
import { closedWithin, connectDevice, makeDevice, startTestHub } from "./support/hub";
import { makeModel, makePartner } from "./support/partners";
import { scaled } from "./support/slowdown";

const OPERATOR_PASSWORD = "operator-password-for-the-hub-tests";
let hub: Awaited<ReturnType<typeof startTestHub>>;
let relay: Server;
let mqttModel: string;
let httpModel: string;
const urls = { tcp: "", relay: "" };

beforeAll(async () => {
  hub = await startTestHub({ operatorPassword: OPERATOR_PASSWORD });
  // As the portal's start-up does: what devices send goes to the device conversation (last seen, telemetry).
  handDeviceMessagesToConversation(hub.hub);
  relay = createServer();
  attachMqttRelay(relay, { url: hub.url });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  urls.tcp = hub.url;
  urls.relay = `ws://127.0.0.1:${(relay.address() as AddressInfo).port}/mqtt`;
  const partner = await makePartner();
  mqttModel = await makeModel(partner, { protocol: "MQTT" });
  httpModel = await makeModel(partner, { protocol: "HTTP" });
});

afterAll(async () => {
  relay?.close();
  await hub?.hub.stop();
});

async function admitted(modelId = mqttModel) {
  const device = await makeDevice(modelId);
  await hub.hub.syncDevices([device.id]);
  return device;
}

// Every behaviour holds on the device path (TCP) and the browser path (/mqtt).
describe.each([
  ["TCP", () => urls.tcp],
  ["WebSocket /mqtt", () => urls.relay],
])("over %s", (_transport, url) => {
  describe("[HUB] who may connect", () => {
    it("an admitted device connects with its id and access key (reason 0)", async () => {
      const device = await admitted();
      const { client, reasonCode } = await connectDevice(url(), device.id, device.accessKey);
      expect(reasonCode).toBe(0);
      client?.end(true);
    });

    it("wrong key, unknown id, no password, disabled device and HTTP-model device are refused with 135", async () => {
      const device = await admitted();
      const disabled = await admitted();
      await db.device.update({ where: { id: disabled.id }, data: { isEnabled: false } });
      await hub.hub.syncDevices([disabled.id]);
      const http = await admitted(httpModel);
      const attempts = [
        connectDevice(url(), device.id, "pdk_wrong"),
        connectDevice(url(), "00000000-0000-4000-8000-000000000000", device.accessKey),
        connectDevice(url(), device.id, ""),
        connectDevice(url(), disabled.id, disabled.accessKey),
        connectDevice(url(), http.id, http.accessKey),
      ];
      expect((await Promise.all(attempts)).map((a) => a.reasonCode)).toEqual([135, 135, 135, 135, 135]);
    });

    it("a device cannot use another device's client id to push it off: the hub refuses it", async () => {
      const victim = await admitted();
      const attacker = await admitted();
      const { client: victimClient } = await connectDevice(url(), victim.id, victim.accessKey);
      const { client: attackerClient, reasonCode } = await connectDevice(url(), attacker.id, attacker.accessKey, {
        clientId: victim.id,
      });
      expect(reasonCode).toBe(135);
      await new Promise((r) => setTimeout(r, 300));
      expect(victimClient?.connected).toBe(true);
      victimClient?.end(true);
      attackerClient?.end(true);
    });
  });

  describe("[HUB] topic access", () => {
    it("publish and subscribe work under the device's own prefix only", async () => {
      const device = await admitted();
      const other = await admitted();
      const { client } = await connectDevice(url(), device.id, device.accessKey);
      const { client: otherClient } = await connectDevice(url(), other.id, other.accessKey);
      const subacks: number[][] = [];
      const pubacks: number[] = [];
      client!.on("packetreceive", (packet: Packet) => {
        if (packet.cmd === "suback") subacks.push([...(packet.granted as number[])]);
        if (packet.cmd === "puback") pubacks.push(packet.reasonCode ?? 0);
      });
      const received: string[] = [];
      client!.on("message", (topic) => received.push(topic));

      // The broker plugin refuses a SUBSCRIBE outside the device's own topics
      // (SUBACK 135, read from the wire; Mosquitto 2.0.11's ACL file alone
      // would grant it and then filter every delivery by read access).
      await client!
        .subscribeAsync([`v1/device/${device.id}/command`, `v1/device/${other.id}/#`, "#", "$SYS/#"], { qos: 1 })
        .catch(() => undefined);
      expect(subacks.at(-1)).toEqual([1, 135, 135, 135]);

      await client!.publishAsync(`v1/device/${device.id}/telemetry`, "{}", { qos: 1 });
      // MQTT.js rejects a publish whose PUBACK is a failure; the code is what counts.
      await client!.publishAsync(`v1/device/${other.id}/telemetry`, "{}", { qos: 1 }).catch(() => undefined);
      await client!.publishAsync("elsewhere", "{}", { qos: 1 }).catch(() => undefined);
      expect(pubacks).toEqual([0, 135, 135]);

      // Another device's traffic never arrives, through its prefix, "#" or "$SYS/#"...
      await otherClient!.publishAsync(`v1/device/${other.id}/command`, "x", { qos: 1 });
      await otherClient!.publishAsync(`v1/device/${other.id}/telemetry`, "x", { qos: 1 });
      // ...and it cannot write into this device's prefix either (PUBACK 135).
      const otherPubacks: number[] = [];
      otherClient!.on(
        "packetreceive",
        (packet: Packet) => packet.cmd === "puback" && otherPubacks.push(packet.reasonCode ?? 0),
      );
      await otherClient!.publishAsync(`v1/device/${device.id}/command`, "x", { qos: 1 }).catch(() => undefined);
      expect(otherPubacks).toEqual([135]);
      // A message the device may read does arrive, so the silence above is real.
      await client!.publishAsync(`v1/device/${device.id}/command`, "self", { qos: 1 });
      // (it matches several of the subscriptions above, so it may arrive more than once).
      await expect.poll(() => received.length, { timeout: scaled(2_000) }).toBeGreaterThan(0);
      expect(received).toContain(`v1/device/${device.id}/command`);
      expect(received.filter((topic) => !topic.startsWith(`v1/device/${device.id}/`))).toEqual([]);
      client!.end(true);
      otherClient!.end(true);
    });
  });

  describe("[HUB] revocation is immediate", () => {
    it.each([
      ["disable", (id: string) => db.device.update({ where: { id }, data: { isEnabled: false } })],
      ["remove", (id: string) => db.device.delete({ where: { id } })],
      [
        "rotate",
        (id: string) => db.device.update({ where: { id }, data: { hubPasswordHash: "$7$101$AAAAAAAAAAAAAAAA$AAAA" } }),
      ],
    ])("%s closes a live session within 1 s and refuses the old key", async (_name, change) => {
      const device = await admitted();
      const { client } = await connectDevice(url(), device.id, device.accessKey);
      const closed = closedWithin(client!, scaled(1_000));
      await change(device.id);
      await hub.hub.syncDevices([device.id]);
      expect(await closed).toBeLessThan(1_000);
      expect((await connectDevice(url(), device.id, device.accessKey)).reasonCode).toBe(135);
    });
  });

  describe("[HUB] presence", () => {
    it("records connect, telemetry (last seen) and disconnect on the device", async () => {
      const device = await admitted();
      const { client } = await connectDevice(url(), device.id, device.accessKey);
      await expect
        .poll(async () => (await db.device.findUniqueOrThrow({ where: { id: device.id } })).isConnected, {
          timeout: scaled(3_000),
        })
        .toBe(true);
      const connected = await db.device.findUniqueOrThrow({ where: { id: device.id } });
      expect(connected.connectedAt).toBeInstanceOf(Date);

      await new Promise((r) => setTimeout(r, 50));
      await client!.publishAsync(`v1/device/${device.id}/telemetry`, '{"status":"online","telemetries":{"t":21}}', {
        qos: 1,
      });
      await expect
        .poll(async () => (await db.device.findUniqueOrThrow({ where: { id: device.id } })).lastSeenAt!.getTime(), {
          timeout: scaled(3_000),
        })
        .toBeGreaterThan(connected.lastSeenAt!.getTime());

      await client!.endAsync();
      await expect
        .poll(async () => (await db.device.findUniqueOrThrow({ where: { id: device.id } })).isConnected, {
          timeout: scaled(3_000),
        })
        .toBe(false);
      expect((await db.device.findUniqueOrThrow({ where: { id: device.id } })).disconnectedAt).toBeInstanceOf(Date);
    });
  });
});

describe("[HUB] the operator account (HUB_OPERATOR_PASSWORD)", () => {
  it("commands any device on its prefix, but reaches nothing of the portal's and is not a device", async () => {
    const device = await admitted();
    const { client: deviceClient } = await connectDevice(urls.tcp, device.id, device.accessKey);
    const received: string[] = [];
    deviceClient!.on("message", (topic, payload) => received.push(`${topic} ${payload.toString()}`));
    await deviceClient!.subscribeAsync(`v1/device/${device.id}/command`, { qos: 1 });

    expect((await connectDevice(urls.tcp, HUB_OPERATOR, "wrong-operator-password")).reasonCode).toBe(135);
    const { client: operator, reasonCode } = await connectDevice(urls.tcp, HUB_OPERATOR, OPERATOR_PASSWORD);
    expect(reasonCode).toBe(0);
    const pubacks: number[] = [];
    operator!.on("packetreceive", (packet: Packet) => packet.cmd === "puback" && pubacks.push(packet.reasonCode ?? 0));
    await operator!.publishAsync(`v1/device/${device.id}/command`, "reboot", { qos: 1 });
    await operator!.publishAsync("partner-hub/portal/ping", "x", { qos: 1 }).catch(() => undefined);
    expect(pubacks).toEqual([0, 135]);
    await expect.poll(() => received, { timeout: scaled(2_000) }).toEqual([`v1/device/${device.id}/command reboot`]);
    operator!.end(true);
    deviceClient!.end(true);
  });
});

describe("[HUB] credentials for new devices (the pool registration takes from)", () => {
  it("are admitted before they are handed out; unused ones go back; a restart drops those never used", async () => {
    const dir = mkdtempSync(path.join(".tmp", "hub-"));
    const first = await startTestHub({ dir });
    let issued: Awaited<ReturnType<typeof first.hub.issueCredentials>>;
    try {
      issued = await first.hub.issueCredentials();
      const { client, reasonCode } = await connectDevice(first.url, issued.id, issued.accessKey);
      expect(reasonCode).toBe(0); // no reload waited for: the pool's batch was admitted earlier
      client?.end(true);
      await first.hub.reconcile(); // a handed-out credential survives a rebuild from the database
      expect((await connectDevice(first.url, issued.id, issued.accessKey)).reasonCode).toBe(0);
      issued.settle("refused");
      expect((await first.hub.issueCredentials()).id).toBe(issued.id);
    } finally {
      await first.hub.stop();
    }
    const file = () => readFileSync(path.join(dir, "passwords"), "utf8");
    expect(file()).toContain(issued.id);
    const second = await startTestHub({ dir });
    try {
      // Rewritten from the database, then the new process's own pool: the old key is gone with the old process.
      expect(file()).not.toContain(issued.id);
      expect((await connectDevice(second.url, issued.id, issued.accessKey)).reasonCode).toBe(135);
    } finally {
      await second.hub.stop();
    }
  });

  it("a credential whose insert outcome is unknown stays admitted until its row is read, then goes if there is none", async () => {
    let isDatabaseDown = false;
    const flaky = await startTestHub({
      loadCredentials: (ids) =>
        isDatabaseDown ? Promise.reject(new Error("Connection terminated unexpectedly")) : findHubCredentials(ids),
    });
    try {
      const issued = await flaky.hub.issueCredentials();
      isDatabaseDown = true;
      issued.settle("unknown"); // its row was never written, but nobody can tell yet
      await expect(flaky.hub.syncDevices([])).rejects.toThrow(/Connection terminated/);
      expect((await connectDevice(flaky.url, issued.id, issued.accessKey)).reasonCode).toBe(0);
      isDatabaseDown = false;
      await flaky.hub.syncDevices([]); // any later batch reads it again
      expect((await connectDevice(flaky.url, issued.id, issued.accessKey)).reasonCode).toBe(135);
      expect((await flaky.hub.issueCredentials()).id).not.toBe(issued.id);
    } finally {
      await flaky.hub.stop();
    }
  });

  it("a pool that cannot be refilled is the hub being unavailable (503), never another error", async () => {
    const broken = await startTestHub({ newCredentials: () => Promise.reject(new Error("no space left on device")) });
    try {
      await expect(broken.hub.issueCredentials()).rejects.toThrow(HubUnavailableError);
      await expect(broken.hub.issueCredentials()).rejects.toThrow(/no space left on device/);
    } finally {
      await broken.hub.stop();
    }
  });
});
