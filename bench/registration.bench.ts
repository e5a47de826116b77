// Register Device API end to end: a production portal (npm start) with its
// embedded hub and 10,000 devices already registered; 16 concurrent clients
// on loopback (node:http, keep-alive) for 30 s. A 201 is only sent once the
// device can connect to the hub, so request latency is time-to-connectable;
// a sample of the created devices is connected the moment its 201 arrives to
// prove it. Afterwards every created device must be stored with the id and
// key its 201 returned (its row's key hashes match the key), and the broker
// must admit every one of them with that key, and refuse a wrong one
// (checked by connecting, not by reading the hub's files: those also hold
// the pool's ids before they are handed out). The hub's credentials come
// from its pool (lib/hub/credential-pool.ts): a registration waits for no reload.
// Targets: >= 0.10x the bare node:http floor (bench/floor.ts, measured first
// in the same run with the same clients and body), p99 <= 100 ms, zero
// errors or lost devices; a lost device fails the benchmark.
// BENCH_KEPT_FLEET=<size> runs it in the kept fleet database instead
// (bench/kept-fleet.ts, e.g. 1,000,000 devices on PostgreSQL), registering
// into one of its models; the devices it registered are deleted afterwards.
import { brokerPasswordMatches } from "@/lib/hub/broker-password";
import { db } from "@/lib/server/database/db";
import { hashSecret } from "@/lib/server/secrets";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { connectDevice } from "../test/support/hub";
import { measureFloor } from "./floor";
import { keptFleet } from "./kept-fleet";
import { closedLoop, modelWithDevices, ms, percentile, postJson, startPortal } from "./support";
import { target } from "./targets";

const EXISTING = Number(process.env.BENCH_EXISTING ?? 10_000);
const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

const kept = process.env.BENCH_KEPT_FLEET
  ? await keptFleet({ devices: Number(process.env.BENCH_KEPT_FLEET), models: 50 })
  : null;
const modelId = kept ? kept.modelIds[0]! : await modelWithDevices(EXISTING);
const existing = kept ? Number(process.env.BENCH_KEPT_FLEET) : EXISTING;
const existingInModel = await db.device.count({ where: { modelId } });
const model = await db.deviceModel.findUniqueOrThrow({ where: { id: modelId }, select: { partnerId: true } });
const owner = await db.member.findFirstOrThrow({
  where: { organizationId: model.partnerId },
  select: { userId: true },
});
const key = await createHardwareKey({
  partnerId: model.partnerId,
  actor: { userId: owner.userId, label: "bench" },
  input: { modelId, label: "bench", expectedDevices: null },
});

const floor = await measureFloor({
  clients: CLIENTS,
  seconds: Math.min(10, SECONDS),
  body: { sn: "FLOOR-0", firmware_version: "1.0.0", hardware_key: key.secret },
});
const { port, mqttPort, stop, waitForOutput } = await startPortal();
// Registration with the fleet at rest: a kept fleet may hold devices marked
// connected to an earlier broker, which the portal marks disconnected first
// (its own figure, printed here, not part of the registrations timed).
const reset = /presence reset: (\d+) devices .* in (\d+) ms/.exec(await waitForOutput("presence reset:"));
const url = `http://127.0.0.1:${port}/v1/devices`;
const mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
const latencies: number[] = [];
const errors = new Map<string, number>();
const created: Array<{ id: string; access_key: string }> = [];
let serial = 0;
let sampled = 0;
let refused = 0;
const { elapsed } = await closedLoop(CLIENTS, SECONDS, async () => {
  const body = { sn: `BENCH-${serial++}`, firmware_version: "1.0.0", hardware_key: key.secret };
  const t0 = performance.now();
  try {
    const { status, json } = await postJson<{ id: string; access_key: string; error?: string }>(url, body);
    latencies.push(performance.now() - t0);
    if (status !== 201) {
      errors.set(`${status} ${json.error}`, (errors.get(`${status} ${json.error}`) ?? 0) + 1);
      return;
    }
    created.push(json);
    // Every 64th device connects the moment its 201 arrives (not timed).
    if (created.length % 64 === 0) {
      const { client, reasonCode } = await connectDevice(mqttUrl, json.id, json.access_key);
      sampled++;
      if (reasonCode !== 0) refused++;
      client?.end(true);
    }
  } catch (error) {
    errors.set(String(error), (errors.get(String(error)) ?? 0) + 1);
  }
});

// Stored as the 201 said: a row of this model with that id, whose hashes match the returned key.
let stored = 0;
for (let start = 0; start < created.length; start += 500) {
  const batch = created.slice(start, start + 500);
  const rows = await db.device.findMany({
    where: { id: { in: batch.map((device) => device.id) }, modelId },
    select: { id: true, accessKeyHash: true, hubPasswordHash: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const device of batch) {
    const row = byId.get(device.id);
    if (
      row &&
      row.accessKeyHash === hashSecret(device.access_key) &&
      brokerPasswordMatches(device.access_key, row.hubPasswordHash)
    )
      stored++;
  }
}
const extraRows = (await db.device.count({ where: { modelId } })) - existingInModel - stored;

// Admitted by the broker: every created device connects with its returned key (32 at a time, not timed)...
let admitted = 0;
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < created.length) {
      const device = created[next++]!;
      const { client, reasonCode } = await connectDevice(mqttUrl, device.id, device.access_key);
      if (reasonCode === 0) admitted++;
      client?.end(true);
    }
  }),
);
// ...and none with a wrong key: the check can fail.
let wrongKeyAdmitted = 0;
for (const device of created.slice(0, 16)) {
  const { client, reasonCode } = await connectDevice(mqttUrl, device.id, `${device.access_key}x`);
  if (reasonCode === 0) wrongKeyAdmitted++;
  client?.end(true);
}
await stop();
// The kept fleet stays as it was seeded.
if (kept) await db.device.deleteMany({ where: { modelId, sn: { startsWith: "BENCH-" } } });

if (reset && reset[1] !== "0")
  console.log(`\n(presence reset at the portal's start: ${reset[1]} devices marked disconnected in ${reset[2]} ms)`);
console.log(
  `\nregistration end to end on ${process.env.DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"}: ${CLIENTS} clients, ${SECONDS} s, ${existing.toLocaleString("en-US")} devices existing (node:http keep-alive load generator on the same 2 cores)`,
);
const rate = created.length / elapsed;
console.log(`  throughput           ${rate.toFixed(0)} registrations/s (${created.length} created)`);
console.log(
  `  bare node:http floor ${floor.toFixed(0)} answers/s: registration is ${(rate / floor).toFixed(3)}x of it`,
);
console.log(
  `  latency              p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`,
);
console.log(`  errors               ${[...errors].map(([k, v]) => `${v}× ${k}`).join("; ") || "none"}`);
console.log(`  sample connects      ${sampled - refused}/${sampled} connected right after their 201`);
const lost = created.length - Math.min(stored, admitted);
console.log(
  `  created devices      ${stored}/${created.length} stored with the returned id and key, ${admitted}/${created.length} admitted by the broker with it; ${extraRows} rows without a 201; wrong key admitted ${wrongKeyAdmitted}/16`,
);
console.log(`  lost devices         ${lost}`);
target("registrations, of the bare node:http floor", rate / floor, { atLeast: 0.1 }, "x");
target("registration p99", percentile(latencies, 99), { atMost: 100 }, "ms");
target(
  "errors",
  [...errors.values()].reduce((sum, n) => sum + n, 0),
  { atMost: 0 },
  "requests",
);
target("lost devices", lost, { atMost: 0 }, "devices");
target("sampled devices refused right after their 201", refused, { atMost: 0 }, "devices");
target("wrong keys admitted", wrongKeyAdmitted, { atMost: 0 }, "devices");
process.exit();
