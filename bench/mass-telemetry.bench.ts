// Mass telemetry (POST /v1/devices/telemetries) as a cloud-to-cloud gateway
// sends it: REQUESTS_PER_SECOND calls a second, each for 100 devices (each
// entry with its own access_token), for BENCH_SECONDS, open loop, against
// the production portal on loopback. A call answered means its entries are
// stored (the telemetry buffer answers after the write), so send -> answered
// is publish -> visible. At most MAX_IN_FLIGHT calls wait at once: a portal
// that falls behind shows as sends skipped, not as an ever-growing queue
// here. Targets: every acknowledged report stored, 10,000 reports/s
// delivered, send -> answered p95 <= 500 ms.
import { randomUUID } from "node:crypto";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { hashSecret } from "@/lib/server/secrets";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { makeModel, makePartner } from "../test/support/partners";
import { ms, percentile, postJson, rssMb, startPortal } from "./support";
import { target } from "./targets";

const DEVICES = Number(process.env.BENCH_DEVICES ?? 10_000);
const PER_CALL = 100;
const REQUESTS_PER_SECOND = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const MAX_IN_FLIGHT = 64;

// The fleet, inserted in bulk with keys this process knows (hashed as the portal hashes them).
await prepareDatabase();
const partner = await makePartner("Mass telemetry bench");
const modelId = await makeModel(partner, { protocol: "HTTP" });
const hubHash = brokerPasswordHash("unused");
const devices = Array.from({ length: DEVICES }, (_, i) => ({
  id: randomUUID(),
  key: `bench-key-${i}-${randomUUID()}`,
}));
for (let start = 0; start < DEVICES; start += 2_000) {
  await db.device.createMany({
    data: devices.slice(start, start + 2_000).map((device, i) => ({
      id: device.id,
      partnerId: partner.partnerId,
      modelId,
      sn: `MASS-${start + i}`,
      firmwareVersion: "1.0.0",
      accessKeyHash: hashSecret(device.key),
      hubPasswordHash: hubHash,
    })),
  });
}

const portal = await startPortal();
const url = `${portal.baseUrl}/v1/devices/telemetries`;
const rssStart = rssMb(portal.pid);
let rssPeak = rssStart;
const latencies: number[] = [];
let sent = 0;
let skipped = 0;
let acknowledged = 0;
let refusedEntries = 0;
let failedCalls = 0;
let inFlight = 0;
let cursor = 0;

async function sendOne(): Promise<void> {
  const entries: Record<string, unknown> = {};
  for (let i = 0; i < PER_CALL; i += 1) {
    const device = devices[cursor++ % DEVICES]!;
    entries[device.id] = {
      access_token: device.key,
      status: "online",
      telemetries: { temp: 20 + (cursor % 10), seq: cursor },
    };
  }
  inFlight += 1;
  const t0 = performance.now();
  try {
    const { status, json } = await postJson<Record<string, { success?: boolean }>>(url, entries);
    latencies.push(performance.now() - t0);
    if (status !== 200) failedCalls += 1;
    else
      for (const answer of Object.values(json)) {
        if (answer.success) acknowledged += 1;
        else refusedEntries += 1;
      }
  } catch {
    failedCalls += 1;
  } finally {
    inFlight -= 1;
  }
}

const started = performance.now();
const calls: Promise<void>[] = [];
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * REQUESTS_PER_SECOND);
    while (sent + skipped < due) {
      if (inFlight >= MAX_IN_FLIGHT) skipped += 1;
      else {
        sent += 1;
        calls.push(sendOne());
      }
    }
    rssPeak = Math.max(rssPeak, rssMb(portal.pid));
    if (performance.now() - started >= SECONDS * 1000) {
      clearInterval(tick);
      resolve();
    }
  }, 10);
});
await Promise.all(calls);
const seconds = (performance.now() - started) / 1000;
const rssEnd = rssMb(portal.pid);
let stored = 0;
for (let start = 0; start < DEVICES; start += 500) {
  stored += await db.telemetryMessage.count({
    where: { deviceId: { in: devices.slice(start, start + 500).map((device) => device.id) } },
  });
}
await portal.stop();

const delivered = acknowledged / seconds;
const p95 = percentile(latencies, 95);
console.log(
  `\nMass telemetry, ${REQUESTS_PER_SECOND} calls/s x ${PER_CALL} devices (${DEVICES} devices) for ${seconds.toFixed(0)} s:`,
);
console.log(
  `  calls sent ${sent}, skipped ${skipped} (${MAX_IN_FLIGHT} already waiting), failed ${failedCalls}; entries refused ${refusedEntries}`,
);
console.log(`  reports acknowledged ${acknowledged} (${delivered.toFixed(0)}/s), stored ${stored}`);
target("acknowledged but not stored", acknowledged - stored, { atMost: 0 }, "reports");
target("reports delivered", delivered, { atLeast: REQUESTS_PER_SECOND * PER_CALL }, "/s");
console.log(`  send -> answered (stored, visible): p50 ${ms(percentile(latencies, 50))}  p95 ${ms(p95)}`);
target("send -> visible p95", p95, { atMost: 500 }, "ms");
console.log(
  `  portal RSS ${rssStart.toFixed(0)} MB before, peak ${rssPeak.toFixed(0)} MB, ${rssEnd.toFixed(0)} MB after`,
);
process.exit();
