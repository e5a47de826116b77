// A child process that plays the connected fleet for soak.bench.ts, so that
// the devices' clients do not share an event loop with the measuring process.
// Reads a JSON job file: {mqttUrl, devices: [{id, key}], everyMs}. Every
// device holds an MQTT v5 session (MQTT.js reconnects it every second after a
// loss or a refusal, as firmware would) and publishes telemetry every
// `everyMs`, spread evenly. Prints a JSON line every 250 ms: {connected,
// acked, failed, refused}; `refused` counts CONNACKs other than 0, which a
// device with a valid key must never get, fault or not.
import { readFileSync } from "node:fs";
import mqtt, { type MqttClient } from "mqtt";

type Job = { mqttUrl: string; devices: { id: string; key: string }[]; everyMs: number };
const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Job;
const counts = { acked: 0, failed: 0, refused: 0 };
const clients: MqttClient[] = [];

for (const [i, { id, key }] of job.devices.entries()) {
  const client = mqtt.connect(job.mqttUrl, {
    protocolVersion: 5,
    username: id,
    password: key,
    clientId: id,
    keepalive: 60,
    reconnectPeriod: 1_000,
    connectTimeout: 5_000,
    // MQTT.js gives up for good after a refused CONNACK unless told otherwise.
    reconnectOnConnackError: true,
  });
  client.on("error", (error) => {
    if (typeof (error as { code?: unknown }).code === "number") counts.refused++;
  });
  clients.push(client);
  // Spread the connects and the reports over the period, not all at once.
  if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 20));
}

let cursor = 0;
const tickMs = 50;
const perTick = job.devices.length / (job.everyMs / tickMs);
let owed = 0;
setInterval(() => {
  owed += perTick;
  for (; owed >= 1; owed--) {
    const client = clients[cursor++ % clients.length]!;
    if (!client.connected) continue;
    const id = job.devices[(cursor - 1) % clients.length]!.id;
    const payload = JSON.stringify({ status: "online", telemetries: { temperature: 20 + (cursor % 10) / 10 } });
    client.publishAsync(`v1/device/${id}/telemetry`, payload, { qos: 1 }).then(
      () => counts.acked++,
      () => counts.failed++,
    );
  }
}, tickMs);

setInterval(() => {
  const connected = clients.filter((client) => client.connected).length;
  process.stdout.write(JSON.stringify({ connected, ...counts }) + "\n");
}, 250);
