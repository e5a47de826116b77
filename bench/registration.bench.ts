// Register Device API end to end: a production portal (npm start) with its
// embedded hub and 10,000 devices already registered; 16 concurrent clients
// on loopback (node:http, keep-alive) for 30 s. A 201 is only sent once the
// device can connect to the hub, so request latency is time-to-connectable;
// a sample of the created devices is connected to prove it. Afterwards the
// device count in the database and in the hub's password file must equal
// the existing devices plus the 201s. The hub's credentials come from its
// pool (lib/hub/credential-pool.ts): a registration waits for no reload.
// Target: >= 300 registrations/s, p99 <= 150 ms, zero errors or lost devices.
import { readFileSync } from "node:fs";
import { db } from "@/lib/server/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { connectDevice } from "../test/support/hub";
import { modelWithDevices, ms, percentile, postJson, startPortal } from "./support";

const EXISTING = Number(process.env.BENCH_EXISTING ?? 10_000);
const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

const modelId = await modelWithDevices(EXISTING);
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

const { port, mqttPort, hubDir, stop } = await startPortal();
const url = `http://127.0.0.1:${port}/v1/devices`;
const latencies: number[] = [];
const errors = new Map<string, number>();
const created: Array<{ id: string; access_key: string }> = [];
let serial = 0;
let sampled = 0;
let refused = 0;
const deadline = performance.now() + SECONDS * 1000;
const startedAt = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < deadline) {
      const body = { sn: `BENCH-${serial++}`, firmware_version: "1.0.0", hardware_key: key.secret };
      const t0 = performance.now();
      try {
        const { status, json } = await postJson<{ id: string; access_key: string; error?: string }>(url, body);
        latencies.push(performance.now() - t0);
        if (status !== 201) {
          errors.set(`${status} ${json.error}`, (errors.get(`${status} ${json.error}`) ?? 0) + 1);
          continue;
        }
        created.push(json);
        // Every 64th device connects the moment its 201 arrives (not timed).
        if (created.length % 64 === 0) {
          const { client, reasonCode } = await connectDevice(`mqtt://127.0.0.1:${mqttPort}`, json.id, json.access_key);
          sampled++;
          if (reasonCode !== 0) refused++;
          client?.end(true);
        }
      } catch (error) {
        errors.set(String(error), (errors.get(String(error)) ?? 0) + 1);
      }
    }
  }),
);
const elapsed = (performance.now() - startedAt) / 1000;

const inDatabase = await db.device.count({ where: { modelId } });
// Every created device must be in the hub's password file; the rest of the
// file is the existing devices, the portal's account and the unassigned pool.
const hubIds = new Set(
  readFileSync(`${hubDir}/passwords`, "utf8")
    .trim()
    .split("\n")
    .map((line) => line.slice(0, line.indexOf(":"))),
);
const inHub = created.filter((device) => hubIds.has(device.id)).length;
await stop();

console.log(
  `\nregistration end to end on ${process.env.DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"}: ${CLIENTS} clients, ${SECONDS} s, ${EXISTING.toLocaleString("en-US")} devices existing (node:http keep-alive load generator on the same 2 cores)`,
);
console.log(
  `  throughput           ${(created.length / elapsed).toFixed(0)} registrations/s (${created.length} created)`,
);
console.log(
  `  latency              p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`,
);
console.log(`  errors               ${[...errors].map(([k, v]) => `${v}× ${k}`).join("; ") || "none"}`);
console.log(`  sample connects      ${sampled - refused}/${sampled} connected right after their 201`);
console.log(`  lost devices         database ${inDatabase - EXISTING} and hub ${inHub} for ${created.length} created`);
process.exit(0);
