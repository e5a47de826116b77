import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { db } from "@/lib/server/database/db";
import { findHubCredentials } from "@/lib/server/data/devices/find-hub-credentials";
import { markDevicesDisconnected } from "@/lib/server/data/devices/mark-devices-disconnected";
import { recordDevicePresence } from "@/lib/server/data/devices/record-device-presence";
import { EmbeddedHub } from "@/lib/hub/embedded-hub";
import { ensureGeneratedCertificates, generatedCertificateFiles } from "@/lib/hub/hub-certificates";
import { newAccessKey, newDeviceCredentials } from "@/lib/server/data/devices/new-access-key";
import { freePort } from "./free-port";

export { freePort };

/** A real embedded hub (Mosquitto) on free ports with a throw-away directory. */
export async function startTestHub(
  options: {
    dir?: string;
    mqttPort?: number;
    operatorPassword?: string;
    newCredentials?: typeof newDeviceCredentials;
    usePlugin?: boolean;
    loadCredentials?: typeof findHubCredentials;
    /** A TLS listener too, with a CA and certificate generated for localhost and 127.0.0.1 (as the portal makes them). */
    tls?: boolean;
  } = {},
) {
  // mqttPort 0: no plain listener (only with tls).
  const mqttPort = options.mqttPort ?? (await freePort());
  const tlsPort = options.tls ? await freePort() : 0;
  const dir = options.dir ?? mkdtempSync(path.join(".tmp", "hub-"));
  const url = `mqtt://127.0.0.1:${mqttPort}`;
  const tlsUrl = `mqtts://localhost:${tlsPort}`;
  const hub = new EmbeddedHub({
    dir,
    mqttHost: "127.0.0.1",
    mqttPort,
    tls: options.tls
      ? {
          port: tlsPort,
          certificates: () => ensureGeneratedCertificates({ hubDir: dir, names: ["localhost", "127.0.0.1"] }),
        }
      : undefined,
    publicUrl: options.tls ? tlsUrl : url,
    operatorPassword: options.operatorPassword,
    usePlugin: options.usePlugin,
    loadCredentials: options.loadCredentials ?? findHubCredentials,
    newCredentials: options.newCredentials ?? newDeviceCredentials,
    recordPresence: recordDevicePresence,
    markAllDisconnected: markDevicesDisconnected,
    log: () => undefined,
  });
  await hub.start();
  return { hub, dir, mqttPort, url, tlsPort, tlsUrl, caFile: generatedCertificateFiles(dir).ca };
}

/** A device row as registration writes it, with its access key. */
export async function makeDevice(modelId: string): Promise<{ id: string; accessKey: string }> {
  const model = await db.deviceModel.findUniqueOrThrow({ where: { id: modelId }, select: { partnerId: true } });
  const id = randomUUID();
  const { accessKey, accessKeyHash, hubPasswordHash } = await newAccessKey();
  await db.device.create({
    data: {
      id,
      partnerId: model.partnerId,
      modelId,
      sn: `SN-${id.slice(0, 8)}`,
      firmwareVersion: "1.0.0",
      accessKeyHash,
      hubPasswordHash,
    },
  });
  return { id, accessKey };
}

export type ConnectResult = { client: MqttClient | null; reasonCode: number };

/** Connects over MQTT v5 and reports the CONNACK reason code (0 = accepted). */
export function connectDevice(
  url: string,
  username: string,
  password: string,
  extra: IClientOptions = {},
): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, {
      protocolVersion: 5,
      username,
      password,
      clientId: username,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      ...extra,
    });
    client.once("connect", (connack) => resolve({ client, reasonCode: connack.reasonCode ?? 0 }));
    client.once("error", (error) => {
      client.end(true);
      resolve({ client: null, reasonCode: (error as { code?: number }).code ?? -1 });
    });
  });
}

/** Resolves when the client's connection closes, or rejects after `ms`. */
export function closedWithin(client: MqttClient, ms: number): Promise<number> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    if (!client.connected) return resolve(0);
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    client.once("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - startedAt);
    });
  });
}
