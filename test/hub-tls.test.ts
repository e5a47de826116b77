import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CA_FILE_NAME, connectSnippets } from "@/lib/devices/connect-snippets";
import { loopbackTlsOptions } from "@/lib/hub/broker-tls";
import type { DeviceMessage } from "@/lib/hub/hub";
import { attachMqttRelay } from "@/lib/hub/mqtt-relay";
import { db } from "@/lib/server/database/db";
import { body, call, modelWithKey } from "./support/device-api";
import { connectDevice, makeDevice, startTestHub } from "./support/hub";
import { makeModel, makePartner } from "./support/partners";
import { useRunningTestHub } from "./support/running-hub";
import { makeTestCertificates } from "./support/tls";
import { scaled } from "./support/slowdown";

const run = promisify(execFile);

/** Resolves with the first message the hub hands on from this device. */
function nextMessageFrom(hub: Awaited<ReturnType<typeof startTestHub>>["hub"], deviceId: string) {
  return new Promise<DeviceMessage>((resolve) => {
    const listener = (message: DeviceMessage) => {
      if (message.deviceId !== deviceId) return;
      hub.off("message", listener);
      resolve(message);
    };
    hub.on("message", listener);
  });
}

describe("[TLS] the hub's TLS listener, next to the plain one", () => {
  // Made the running hub: the Register Device API answers with its URL.
  const running = useRunningTestHub({ tls: true });
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let modelId: string;
  let wrongCaFile: string;

  beforeAll(async () => {
    hub = running.current;
    modelId = await makeModel(await makePartner(), { protocol: "MQTT" });
    // Another CA, as a device pinned to the wrong one would hold.
    wrongCaFile = path.join(mkdtempSync(path.join(".tmp", "wrong-ca-")), "ca.pem");
    writeFileSync(wrongCaFile, makeTestCertificates().ca);
  });

  async function admitted() {
    const device = await makeDevice(modelId);
    await hub.hub.syncDevices([device.id]);
    return device;
  }

  it("MQTT.js with the hub's CA connects over TLS, its telemetry reaches the portal, and a wrong key is still refused (135)", async () => {
    const device = await admitted();
    const ca = readFileSync(hub.caFile);
    const { client, reasonCode } = await connectDevice(hub.tlsUrl, device.id, device.accessKey, { ca });
    expect(reasonCode).toBe(0);
    expect(client!.stream.constructor.name).toBe("TLSSocket");
    const received = nextMessageFrom(hub.hub, device.id);
    await client!.publishAsync(`v1/device/${device.id}/telemetry`, '{"status":"online"}', { qos: 1 });
    expect((await received).payload.toString()).toBe('{"status":"online"}');
    client!.end(true);

    const refused = await connectDevice(hub.tlsUrl, device.id, "not-the-key", { ca });
    expect(refused.reasonCode).toBe(135);
    // The plain listener still admits the device.
    const plain = await connectDevice(hub.url, device.id, device.accessKey);
    expect(plain.reasonCode).toBe(0);
    plain.client!.end(true);
  });

  it("MQTT.js refuses the hub when it trusts another CA: the handshake fails before any CONNECT", async () => {
    const device = await admitted();
    const { client, reasonCode } = await connectDevice(hub.tlsUrl, device.id, device.accessKey, {
      ca: readFileSync(wrongCaFile),
    });
    expect(client).toBeNull();
    // Not a CONNACK reason: Node's TLS check of the hub's certificate.
    expect(reasonCode as unknown).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
  });

  it("mosquitto_pub --cafile publishes over TLS with the hub's CA, and fails with another CA", async () => {
    const device = await admitted();
    const pub = (caFile: string) =>
      run("mosquitto_pub", [
        ...["-V", "mqttv5", "-h", "localhost", "-p", String(hub.tlsPort), "--cafile", caFile],
        ...["-i", device.id, "-u", device.id, "-P", device.accessKey],
        ...["-t", `v1/device/${device.id}/telemetry`, "-q", "1", "-m", '{"status":"online"}'],
      ]);
    const received = nextMessageFrom(hub.hub, device.id);
    await pub(hub.caFile);
    expect((await received).deviceId).toBe(device.id);

    const failed = await pub(wrongCaFile).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr).toMatch(/certificate verify failed|TLS|SSL/i);
  });

  it("the mosquitto_pub and MQTT.js snippets, as written, publish over TLS with the downloaded CA", async () => {
    const device = await admitted();
    const snippets = connectSnippets({
      deviceId: device.id,
      protocol: "MQTT",
      mqttUrl: hub.tlsUrl,
      hubUrl: "",
      accessKey: device.accessKey,
      caUrl: "http://portal.test/api/hub/ca.pem",
    });
    const code = (id: string) => snippets.find((s) => s.id === id)!.code;
    expect(code("mosquitto")).toContain(`--cafile ${CA_FILE_NAME}`);
    expect(code("paho")).toContain(`client.tls_set(ca_certs="${CA_FILE_NAME}")`);
    // Where the CA was downloaded to, as the snippets' first line says.
    const cwd = mkdtempSync(path.join(".tmp", "snippets-"));
    copyFileSync(hub.caFile, path.join(cwd, CA_FILE_NAME));

    const pub = code("mosquitto")
      .split("\n")
      .find((line) => line.startsWith("mosquitto_pub"))!;
    const received = nextMessageFrom(hub.hub, device.id);
    await run("bash", ["-c", pub], { cwd });
    expect((await received).deviceId).toBe(device.id);

    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code("mqttjs")], {
      cwd,
      timeout: scaled(10_000),
    });
    expect(stdout.trim()).toBe("published");
  });

  it("the Register Device API tells devices the mqtts:// URL, which admits them with the hub's CA", async () => {
    const model = await modelWithKey("MQTT");
    const { status, json } = await call("register", body(model.hardwareKey));
    expect(status).toBe(201);
    expect(json.mqtt_hub_url).toBe(hub.tlsUrl);
    expect(String(json.mqtt_hub_url)).toMatch(/^mqtts:\/\//);
    const { client, reasonCode } = await connectDevice(
      String(json.mqtt_hub_url),
      String(json.id),
      String(json.access_key),
      { ca: readFileSync(hub.caFile) },
    );
    expect(reasonCode).toBe(0);
    client!.end(true);
  });
});

describe("[TLS] the hub's CA certificate, offered at GET /api/hub/ca.pem", () => {
  afterEach(() => vi.unstubAllEnvs());

  async function getCa(env: Record<string, string>) {
    vi.resetModules();
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const { GET } = await import("@/app/api/hub/ca.pem/route");
    return GET();
  }

  it("answers the generated CA as a PEM download, and says why when there is none", async () => {
    const hubDir = mkdtempSync(path.join(".tmp", "hub-ca-"));
    const notYet = await getCa({ HUB_DATA_DIR: hubDir });
    expect(notYet.status).toBe(503);
    expect(((await notYet.json()) as { error: string }).error).toMatch(/made when the hub first starts/);

    const { ensureGeneratedCertificates } = await import("@/lib/hub/hub-certificates");
    const files = ensureGeneratedCertificates({ hubDir, names: ["localhost"] });
    const response = await getCa({ HUB_DATA_DIR: hubDir });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-pem-file");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${CA_FILE_NAME}"`);
    const pem = await response.text();
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect(pem).toBe(readFileSync(files.ca!, "utf8"));

    const noTls = await getCa({ HUB_DATA_DIR: hubDir, MQTT_TLS_PORT: "0" });
    expect(noTls.status).toBe(404);
    expect(((await noTls.json()) as { error: string }).error).toMatch(/no TLS listener/);
  });
});

describe("[TLS] a hub with no plain listener", () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let relay: Server;
  let modelId: string;

  beforeAll(async () => {
    // The portal's own session can only get in over TLS: start() resolving proves it did.
    hub = await startTestHub({ tls: true, mqttPort: 0 });
    relay = createServer();
    attachMqttRelay(relay, {
      url: `mqtts://127.0.0.1:${hub.tlsPort}`,
      tlsOptions: () => loopbackTlsOptions(hub.caFile, "localhost"),
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    modelId = await makeModel(await makePartner(), { protocol: "MQTT" });
  });

  afterAll(async () => {
    relay?.close();
    await hub?.hub.stop();
  });

  it("has no plain listener in its configuration", () => {
    const config = readFileSync(path.join(hub.dir, "mosquitto.conf"), "utf8");
    expect(config.match(/^listener .*/gm)).toEqual([`listener ${hub.tlsPort} 127.0.0.1`]);
  });

  it("admits devices over TLS, hands their messages to the portal, and takes browsers through /mqtt over TLS", async () => {
    const device = await makeDevice(modelId);
    await hub.hub.syncDevices([device.id]);
    const { client, reasonCode } = await connectDevice(hub.tlsUrl, device.id, device.accessKey, {
      ca: readFileSync(hub.caFile),
    });
    expect(reasonCode).toBe(0);
    const received = nextMessageFrom(hub.hub, device.id);
    await client!.publishAsync(`v1/device/${device.id}/telemetry`, "{}", { qos: 1 });
    expect((await received).deviceId).toBe(device.id);
    client!.end(true);

    // The portal publishes to the device over its own TLS session.
    await hub.hub.publishToDevice(device.id, "command", "{}");

    const relayUrl = `ws://127.0.0.1:${(relay.address() as AddressInfo).port}/mqtt`;
    const browser = await connectDevice(relayUrl, device.id, device.accessKey);
    expect(browser.reasonCode).toBe(0);
    browser.client!.end(true);
    expect(await db.device.count({ where: { id: device.id } })).toBe(1);
  });
});
