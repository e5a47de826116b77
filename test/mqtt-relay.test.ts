import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";
import mqtt, { type Packet } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachMqttRelay } from "@/lib/hub/mqtt-relay";
import { MqttRelayProcess } from "@/lib/hub/relay-process";
import { EmbeddedHub } from "@/lib/hub/embedded-hub";
import { MosquittoNotInstalledError } from "@/lib/hub/mosquitto-supervisor";
import { connectDevice, makeDevice, startTestHub } from "./support/hub";
import { makeModel, makePartner } from "./support/partners";
import { makeTestCertificates } from "./support/tls";
import { scaled } from "./support/slowdown";

let hub: Awaited<ReturnType<typeof startTestHub>>;
let server: Server;
let wsUrl: string;
let modelId: string;

beforeAll(async () => {
  hub = await startTestHub();
  server = createServer((_req, res) => res.end("portal"));
  attachMqttRelay(server, { url: hub.url });
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

describe("[HUB] the relay process: the portal hands /mqtt sockets to a process of its own", () => {
  let relayProcess: MqttRelayProcess;
  let portal: Server;
  let url: string;
  const handedOff: boolean[] = [];

  beforeAll(async () => {
    relayProcess = new MqttRelayProcess(hub.url);
    portal = createServer((_req, res) => res.end("portal"));
    attachMqttRelay(
      portal,
      { url: hub.url },
      {
        handOff: (req, socket, head) => {
          const isHanded = relayProcess.handOff(req, socket, head);
          handedOff.push(isHanded);
          return isHanded;
        },
      },
    );
    await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
    url = `ws://127.0.0.1:${(portal.address() as AddressInfo).port}/mqtt`;
  });

  afterAll(() => {
    relayProcess?.stop();
    portal?.close();
  });

  async function roundTrip(device: { id: string; accessKey: string }) {
    const { client, reasonCode } = await connectDevice(url, device.id, device.accessKey);
    expect(reasonCode).toBe(0);
    await client!.subscribeAsync(`v1/device/${device.id}/command`, { qos: 1 });
    const message = new Promise<string>((resolve) =>
      client!.once("message", (_t, payload) => resolve(payload.toString())),
    );
    await client!.publishAsync(`v1/device/${device.id}/command`, "relayed", { qos: 1 });
    expect(await message).toBe("relayed");
    client!.end(true);
  }

  it("relays there once it is ready, and in the portal's process before and while it restarts", async () => {
    const device = await makeDevice(modelId);
    await hub.hub.syncDevices([device.id]);
    await relayProcess.whenReady();
    await roundTrip(device);
    expect(handedOff.at(-1)).toBe(true);
    expect((await connectDevice(url, device.id, "pdk_wrong")).reasonCode).toBe(135);
    // Each connection's first packet reaches the broker, however soon after the handshake it comes.
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const { client, reasonCode } = await connectDevice(url, device.id, device.accessKey, { connectTimeout: 3_000 });
      codes.push(reasonCode);
      await client?.endAsync();
    }
    expect(codes).toEqual(Array(30).fill(0));

    // Killed: the portal relays itself at once, and a new relay process takes over.
    const killed = relayProcess.pid!;
    process.kill(killed, "SIGKILL");
    await expect.poll(() => relayProcess.pid !== killed, { timeout: scaled(5_000) }).toBe(true);
    await roundTrip(device);
    expect(handedOff.at(-1)).toBe(false);
    await relayProcess.whenReady();
    expect(relayProcess.pid).not.toBe(killed);
    await roundTrip(device);
    expect(handedOff.at(-1)).toBe(true);
  });
});

describe("[HUB] the /mqtt relay to an mqtts:// broker", () => {
  // A TLS listener in front of the test broker, as a cluster's mqtts:// listener is; it counts what it decrypts.
  let front: TlsServer;
  let ca: string;
  const seen = { connections: 0, bytesFromRelay: 0 };
  const relays: Server[] = [];

  beforeAll(async () => {
    const certificates = makeTestCertificates();
    ca = certificates.ca;
    front = createTlsServer({ cert: certificates.cert, key: certificates.key }, (tls) => {
      seen.connections++;
      tls.on("data", (chunk: Buffer) => (seen.bytesFromRelay += chunk.length));
      const broker = connect({ host: "127.0.0.1", port: hub.mqttPort });
      tls.pipe(broker).pipe(tls);
      const close = () => (tls.destroy(), broker.destroy());
      tls.on("error", close).on("close", close);
      broker.on("error", close).on("close", close);
    });
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  });

  afterAll(() => {
    front?.close();
    for (const relay of relays) relay.close();
  });

  async function relayTo(broker: Parameters<typeof attachMqttRelay>[1], log?: (message: string) => void) {
    const relay = createServer();
    relays.push(relay);
    attachMqttRelay(relay, broker, log ? { log } : {});
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    return `ws://127.0.0.1:${(relay.address() as AddressInfo).port}/mqtt`;
  }

  const frontUrl = (host: string) => `mqtts://${host}:${(front.address() as AddressInfo).port}`;

  it("speaks TLS to it: a device connects, publishes and receives through the relay", async () => {
    const url = await relayTo({ url: frontUrl("localhost"), ca });
    const device = await makeDevice(modelId);
    await hub.hub.syncDevices([device.id]);
    const before = { ...seen };
    const { client, reasonCode } = await connectDevice(url, device.id, device.accessKey);
    expect(reasonCode).toBe(0);
    await client!.subscribeAsync(`v1/device/${device.id}/command`, { qos: 1 });
    const message = new Promise<string>((resolve) =>
      client!.once("message", (_t, payload) => resolve(payload.toString())),
    );
    await client!.publishAsync(`v1/device/${device.id}/command`, "over tls", { qos: 1 });
    expect(await message).toBe("over tls");
    client!.end(true);
    expect(seen.connections).toBe(before.connections + 1);
    expect(seen.bytesFromRelay).toBeGreaterThan(before.bytesFromRelay);
    // The same by IP address: the certificate names 127.0.0.1 too.
    const byAddress = await connectDevice(
      await relayTo({ url: frontUrl("127.0.0.1"), ca }),
      device.id,
      device.accessKey,
    );
    expect(byAddress.reasonCode).toBe(0);
    byAddress.client?.end(true);
  });

  it("checks the broker's certificate: one no trusted CA signed is refused, and said why", async () => {
    const logged: string[] = [];
    const url = await relayTo({ url: frontUrl("localhost") }, (message) => logged.push(message));
    const device = await makeDevice(modelId);
    await hub.hub.syncDevices([device.id]);
    // The relay accepts the WebSocket, then closes it when the TLS handshake fails: no CONNACK ever comes.
    const client = mqtt.connect(url, {
      protocolVersion: 5,
      username: device.id,
      password: device.accessKey,
      reconnectPeriod: 0,
    });
    const outcome = await new Promise<string>((resolve) => {
      client.once("connect", () => resolve("connected"));
      client.once("close", () => resolve("closed"));
    });
    client.end(true);
    expect(outcome).toBe("closed");
    expect(logged).toEqual([
      expect.stringMatching(/could not reach the broker at mqtts:\/\/localhost:\d+: .*certificate/i),
    ]);
  });

  it("refuses a broker URL it cannot speak", () => {
    expect(() => attachMqttRelay(createServer(), { url: "ws://broker:8083" })).toThrow(/mqtt:\/\/ or mqtts:\/\//);
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
        markAllDisconnected: () => Promise.resolve(0),
      });
    expect(create).toThrow(MosquittoNotInstalledError);
    expect(create).toThrow(/^mosquitto is not installed: run `sudo apt-get install -y mosquitto`/);
  });
});
