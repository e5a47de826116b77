// The device conversation under a fleet's load: 5,000 MQTT devices reporting
// telemetry every 5 s (1,000 messages/s) and 1,000 HTTP devices every 5 s
// (200 calls/s), for 2 minutes (BENCH_SECONDS), against the production portal
// on loopback. The fleet runs in a child process (bench/telemetry-fleet.ts).
// Meanwhile this process plays a probe device that reports every 200 ms and
// reads its page's live data (GET /api/devices/{id}/conversation) as the open
// page does: how long each read takes, and how long until each probe message
// shows. Afterwards every acknowledged message must be stored. Targets:
// stored = acknowledged, publish -> stored (visible) p95 <= 500 ms, page data
// p95 <= 150 ms meanwhile, memory growth reported.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { auth } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { connectDevice } from "../test/support/hub";
import { makeModel } from "../test/support/partners";
import { ms, percentile, postJson, rssMb, startPortal } from "./support";
import { target } from "./targets";

const MQTT_DEVICES = Number(process.env.BENCH_MQTT_DEVICES ?? 5_000);
const HTTP_DEVICES = Number(process.env.BENCH_HTTP_DEVICES ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const EVERY_MS = 5_000;

const email = `ingest-${Date.now()}@example.test`;
const password = "bench-password-123";
const { user } = await auth.api.signUpEmail({ body: { name: "Ingest bench", email, password } });
const partner = await createPartner({ name: "Ingest Bench Devices", ownerUserId: user.id });
const actor = { userId: user.id, label: email };
const keyFor = async (protocol: "MQTT" | "HTTP") => {
  const modelId = await makeModel({ partnerId: partner.id, actor }, { protocol });
  return (
    await createHardwareKey({ partnerId: partner.id, actor, input: { modelId, label: "bench", expectedDevices: null } })
  ).secret;
};
const [mqttKey, httpKey] = [await keyFor("MQTT"), await keyFor("HTTP")];

const portal = await startPortal();
type Registered = { id: string; access_key: string };
async function register(count: number, hardwareKey: string, prefix: string): Promise<{ id: string; key: string }[]> {
  const out: { id: string; key: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const n = next++;
        const { status, json } = await postJson<Registered>(`${portal.baseUrl}/v1/devices`, {
          sn: `${prefix}-${n}`,
          firmware_version: "1.0.0",
          hardware_key: hardwareKey,
        });
        if (status !== 201) throw new Error(`registration answered ${status}`);
        out.push({ id: json.id, key: json.access_key });
      }
    }),
  );
  return out;
}
const registerStart = performance.now();
const [mqtt, http, [probe]] = [
  await register(MQTT_DEVICES, mqttKey, "MQ"),
  await register(HTTP_DEVICES, httpKey, "HT"),
  await register(1, mqttKey, "PROBE"),
];
console.log(
  `  registered ${MQTT_DEVICES + HTTP_DEVICES + 1} devices in ${((performance.now() - registerStart) / 1000).toFixed(1)} s`,
);

const signIn = await fetch(`${portal.baseUrl}/api/auth/sign-in/email`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: portal.baseUrl },
  body: JSON.stringify({ email, password }),
});
const cookie = signIn.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");

const jobFile = `.tmp/ingest-job-${Date.now()}.json`;
writeFileSync(
  jobFile,
  JSON.stringify({
    mqttUrl: `mqtt://127.0.0.1:${portal.mqttPort}`,
    hubUrl: portal.baseUrl,
    mqtt,
    http,
    everyMs: EVERY_MS,
    seconds: SECONDS,
  }),
);
const fleet = spawn(
  process.execPath,
  ["--import", "tsx", "--conditions=react-server", "bench/telemetry-fleet.ts", jobFile],
  { stdio: ["ignore", "pipe", "pipe"], env: process.env },
);
let fleetOutput = "";
fleet.stdout.on("data", (chunk: Buffer) => (fleetOutput += chunk.toString()));
const fleetDone = new Promise<void>((resolve) => fleet.once("exit", () => resolve()));
// The fleet first connects its MQTT devices; the load starts when it says so.
await new Promise<void>((resolve, reject) => {
  fleet.stderr.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    if (chunk.toString().includes("connected")) resolve();
  });
  fleet.once("exit", (code) => reject(new Error(`the fleet exited with ${code}`)));
});

// The probe: publishes {probe: n} every 200 ms, and the open page reads its data back-to-back.
const { client: probeClient } = await connectDevice(`mqtt://127.0.0.1:${portal.mqttPort}`, probe!.id, probe!.key);
const rssStart = rssMb(portal.pid);
let rssPeak = rssStart;
const rssSamples: number[] = [];
const sampler = setInterval(() => rssSamples.push(rssMb(portal.pid)), 15_000);
const sentAt = new Map<number, number>();
const visibleAfter: number[] = [];
const pageReads: number[] = [];
let n = 0;
let seen = 0;
const loadEnds = performance.now() + SECONDS * 1000;
const publisher = setInterval(() => {
  sentAt.set(++n, performance.now());
  void probeClient!.publishAsync(
    `v1/device/${probe!.id}/telemetry`,
    JSON.stringify({ status: "online", timestamp: new Date().toISOString(), telemetries: { probe: n } }),
    { qos: 1 },
  );
}, 200);
while (performance.now() < loadEnds) {
  const t0 = performance.now();
  const response = await fetch(`${portal.baseUrl}/api/devices/${probe!.id}/conversation?range=hour`, {
    headers: { cookie },
  });
  const data = (await response.json()) as { telemetry: { state: { probe?: number } } };
  const t1 = performance.now();
  pageReads.push(t1 - t0);
  const shown = data.telemetry.state.probe ?? 0;
  for (let k = seen + 1; k <= shown; k++) {
    const at = sentAt.get(k);
    if (at !== undefined) visibleAfter.push(t1 - at);
  }
  seen = Math.max(seen, shown);
  rssPeak = Math.max(rssPeak, rssMb(portal.pid));
}
clearInterval(publisher);
clearInterval(sampler);
await fleetDone;
const result = JSON.parse(fleetOutput.trim().split("\n").at(-1) ?? "{}") as Record<string, number> & {
  failures: Record<string, number>;
};
// Every batch is written within a second of its last message.
await new Promise((resolve) => setTimeout(resolve, 2_000));
const rssEnd = rssMb(portal.pid);
const fleetIds = [...mqtt, ...http].map((d) => d.id);
let stored = 0;
for (let start = 0; start < fleetIds.length; start += 500) {
  stored += await db.telemetryMessage.count({ where: { deviceId: { in: fleetIds.slice(start, start + 500) } } });
}
const acknowledged = (result.mqttAcked ?? 0) + (result.httpOk ?? 0);
// Where the probe's time went: publish -> the portal received it (its receivedAt against the timestamp it sent).
const probeRows = await db.telemetryMessage.findMany({
  where: { deviceId: probe!.id },
  select: { receivedAt: true, sentAt: true },
});
const toPortal = probeRows.map((row) => row.receivedAt.getTime() - row.sentAt!.getTime());
probeClient!.end(true);
await portal.stop();

const p95Visible = percentile(visibleAfter, 95);
const p95Page = percentile(pageReads, 95);
console.log(
  `\nTelemetry ingest, ${MQTT_DEVICES} MQTT + ${HTTP_DEVICES} HTTP devices every ${EVERY_MS / 1000} s for ${result.seconds?.toFixed(0)} s:`,
);
console.log(
  `  sent: MQTT ${result.mqttSent} (${((result.mqttSent ?? 0) / SECONDS).toFixed(0)}/s), HTTP ${result.httpSent} (${((result.httpSent ?? 0) / SECONDS).toFixed(0)}/s); refused connects ${result.refused}`,
);
console.log(
  `  acknowledged ${acknowledged} (PUBACK ${result.mqttAcked}, HTTP 200 ${result.httpOk}); failed: MQTT ${result.mqttFailed}, HTTP ${result.httpFailed} ${JSON.stringify(result.failures)}`,
);
console.log(`  stored ${stored}`);
target("acknowledged but not stored", acknowledged - stored, { atMost: 0 }, "messages");
console.log(
  `  publish -> visible on the page (probe, ${visibleAfter.length} messages): p50 ${ms(percentile(visibleAfter, 50))}  p95 ${ms(p95Visible)}`,
);
target("publish -> visible p95", p95Visible, { atMost: 500 }, "ms");
console.log(
  `    of which publish -> received by the portal: p50 ${ms(percentile(toPortal, 50))}  p95 ${ms(percentile(toPortal, 95))}`,
);
console.log(`  page data reads (${pageReads.length}): p50 ${ms(percentile(pageReads, 50))}  p95 ${ms(p95Page)}`);
target("page data reads p95", p95Page, { atMost: 150 }, "ms");
console.log(
  `  portal RSS: ${rssStart.toFixed(0)} MB at the start of the load, peak ${rssPeak.toFixed(0)} MB, ${rssEnd.toFixed(0)} MB after (growth ${(rssEnd - rssStart).toFixed(0)} MB); every 15 s: ${rssSamples.map((v) => v.toFixed(0)).join(", ")} MB`,
);
process.exit();
