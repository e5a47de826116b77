import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Packet } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachMqttRelay } from "@/lib/hub/mqtt-relay";
import { EmbeddedHub } from "@/lib/hub/embedded-hub";
import { MosquittoNotInstalledError } from "@/lib/hub/mosquitto-supervisor";
import { connectDevice, makeDevice, startTestHub } from "./support/hub";
import { makeModel, makePartner } from "./support/partners";

let hub: Awaited<ReturnType<typeof startTestHub>>;
let server: Server;
let wsUrl: string;
let modelId: string;

beforeAll(async () => {
  hub = await startTestHub();
  server = createServer((_req, res) => res.end("portal"));
  attachMqttRelay(server, { host: "127.0.0.1", port: hub.mqttPort });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  wsUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/mqtt`;
  modelId = await makeModel(await makePartner());
});

afterAll(async () => {
  server?.close();
  await hub?.hub.stop();
});

describe("[HUB] the browser path: MQTT v5 over WebSocket at /mqtt", () => {
  it("an admitted device connects, publishes and receives under its prefix", async () => {
    const device = await makeDevice(modelId);
    await hub.hub.syncDevices([device.id]);
    const { client, reasonCode } = await connectDevice(wsUrl, device.id, device.accessKey);
    expect(reasonCode).toBe(0);
    const pubacks: number[] = [];
    client!.on("packetreceive", (packet: Packet) => packet.cmd === "puback" && pubacks.push(packet.reasonCode ?? 0));
    await client!.subscribeAsync(`v1/device/${device.id}/command`, { qos: 1 });
    const message = new Promise<string>((resolve) =>
      client!.once("message", (_t, payload) => resolve(payload.toString())),
    );
    await client!.publishAsync(`v1/device/${device.id}/command`, "hello", { qos: 1 });
    expect(await message).toBe("hello");
    await client!.publishAsync("v1/device/someone-else/telemetry", "x", { qos: 1 }).catch(() => undefined);
    expect(pubacks).toEqual([0, 135]);
    client!.end(true);
  });

  it("refusals arrive as CONNACK 135, as over TCP", async () => {
    const device = await makeDevice(modelId);
    await hub.hub.syncDevices([device.id]);
    expect((await connectDevice(wsUrl, device.id, "pdk_wrong")).reasonCode).toBe(135);
  });

  it("other upgrade paths are not relayed", async () => {
    const other = wsUrl.replace("/mqtt", "/not-mqtt");
    const result = await connectDevice(other, "x", "y", { connectTimeout: 1_000 });
    expect(result.client).toBeNull();
  });
});

describe("[HUB] without mosquitto", () => {
  it("start-up fails with one line saying how to install it", () => {
    const create = () =>
      new EmbeddedHub({
        dir: ".tmp/none",
        mqttHost: "127.0.0.1",
        mqttPort: 1,
        publicUrl: "mqtt://x:1",
        mosquittoBin: "/nonexistent/mosquitto",
        loadCredentials: () => Promise.resolve(new Map()),
        newCredentials: () => Promise.reject(new Error("not used")),
        recordPresence: () => Promise.resolve(),
        markAllDisconnected: () => Promise.resolve(),
      });
    expect(create).toThrow(MosquittoNotInstalledError);
    expect(create).toThrow(/^mosquitto is not installed: run `sudo apt-get install -y mosquitto`/);
  });
});
