// A child process that plays a reporting fleet for conversation-ingest.bench.ts,
// so that the devices' clients do not share an event loop with the measuring
// process (real devices would not). Reads a JSON job file:
//   {mqttUrl, hubUrl, mqtt: [{id, key}], http: [{id, key}], everyMs, seconds}
// connects every MQTT device, then each device (MQTT and HTTP) reports
// telemetry every `everyMs`, spread evenly, for `seconds`. Prints one JSON
// line with what was sent and acknowledged (PUBACK 0, HTTP 200).
import { readFileSync } from "node:fs";
import type { MqttClient } from "mqtt";
import { connectDevice } from "../test/support/hub";
import { postJson } from "./support";

type Job = {
  mqttUrl: string;
  hubUrl: string;
  mqtt: { id: string; key: string }[];
  http: { id: string; key: string }[];
  everyMs: number;
  seconds: number;
};
const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Job;

const counts = { mqttSent: 0, mqttAcked: 0, mqttFailed: 0, httpSent: 0, httpOk: 0, httpFailed: 0, refused: 0 };
const failures = new Map<string, number>();
const fail = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);

const clients: MqttClient[] = [];
for (let start = 0; start < job.mqtt.length; start += 100) {
  await Promise.all(
    job.mqtt.slice(start, start + 100).map(async ({ id, key }, i) => {
      const { client, reasonCode } = await connectDevice(job.mqttUrl, id, key, { keepalive: 120 });
      if (!client) counts.refused++;
      else clients[start + i] = client;
      if (reasonCode !== 0) fail(`connect ${reasonCode}`);
    }),
  );
}
process.stderr.write(`fleet: ${clients.filter(Boolean).length} MQTT devices connected\n`);

const telemetry = (n: number) =>
  JSON.stringify({
    status: "online",
    telemetries: { temperature: 20 + (n % 10) / 10, fan_rpm: 1200 + (n % 50), door: n % 2 ? "open" : "closed" },
  });

const devices = [...job.mqtt.map((d, i) => ({ ...d, mqtt: i })), ...job.http.map((d) => ({ ...d, mqtt: -1 }))];
const startedAt = performance.now();
const deadline = startedAt + job.seconds * 1000;
let round = 0;
// Each tick sends to the devices whose turn it is, so the load is even over the period.
const tickMs = 20;
const perTick = devices.length / (job.everyMs / tickMs);
let cursor = 0;
while (performance.now() < deadline) {
  const due = Math.floor((round + 1) * perTick) - Math.floor(round * perTick);
  round++;
  for (let i = 0; i < due; i++) {
    const device = devices[cursor % devices.length]!;
    const n = cursor++;
    if (device.mqtt >= 0) {
      const client = clients[device.mqtt];
      if (!client) continue;
      counts.mqttSent++;
      client.publishAsync(`v1/device/${device.id}/telemetry`, telemetry(n), { qos: 1 }).then(
        () => counts.mqttAcked++,
        (error: unknown) => {
          counts.mqttFailed++;
          fail(String(error));
        },
      );
    } else {
      counts.httpSent++;
      postJson<{ success?: boolean; error?: string }>(
        `${job.hubUrl}/v1/devices/${device.id}/telemetry`,
        JSON.parse(telemetry(n)),
        {
          authorization: device.key,
        },
      ).then(
        ({ status, json }) =>
          status === 200 ? counts.httpOk++ : (counts.httpFailed++, fail(`HTTP ${status} ${json.error}`)),
        (error: unknown) => {
          counts.httpFailed++;
          fail(String(error));
        },
      );
    }
  }
  const next = startedAt + round * tickMs;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
}
// Let the last answers arrive.
await new Promise((resolve) => setTimeout(resolve, 3_000));
process.stdout.write(
  JSON.stringify({
    ...counts,
    seconds: (performance.now() - startedAt) / 1000,
    failures: Object.fromEntries(failures),
  }) + "\n",
);
for (const client of clients) client?.end(true);
process.exit(0);
