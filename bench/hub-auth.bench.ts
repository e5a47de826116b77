// The EMQX auth hook (HUB_MODE=emqx) under load: 100,000 devices in the
// default database, the production portal on loopback, 32 concurrent callers
// for 30 s, each CONNECT check for a random device with its right key (as
// when a fleet reconnects after a broker restart), then the same for ACL
// checks. Measured once the portal has read every admitted device into its
// auth cache (it does so at start, and says how long it took). Target (issue #7, on PostgreSQL): >= 5,000
// checks/s with p99 <= 20 ms. Every answer must be "allow".
import { randomBytes, randomUUID } from "node:crypto";
import { db, prepareDatabase } from "@/lib/server/db";
import { hashSecret } from "@/lib/server/secrets";
import { makeModel, makePartner } from "../test/support/partners";
import { ms, percentile, postJson, startPortal } from "./support";

const DEVICES = Number(process.env.BENCH_FLEET ?? 100_000);
const CALLERS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

await prepareDatabase();
const partner = await makePartner("Auth bench");
const modelId = await makeModel(partner, { protocol: "MQTT" });
const seedStart = performance.now();
const ids: string[] = [];
for (let start = 0; start < DEVICES; start += 5_000) {
  const rows = Array.from({ length: Math.min(5_000, DEVICES - start) }, (_, i) => {
    const id = randomUUID();
    ids.push(id);
    return {
      id,
      partnerId: partner.partnerId,
      modelId,
      sn: `AUTH-${start + i}`,
      firmwareVersion: "1.0.0",
      accessKeyHash: hashSecret(`key-${start + i}`),
      hubPasswordHash: "unused",
    };
  });
  await db.device.createMany({ data: rows });
}
const seedMs = performance.now() - seedStart;

const secret = randomBytes(32).toString("base64url");
const portal = await startPortal({
  HUB_MODE: "emqx",
  HUB_AUTH_SECRET: secret,
  MQTT_EXTERNAL_URL: "mqtt://127.0.0.1:1",
});
const headers = { authorization: `Bearer ${secret}` };
// Steady state: the portal reads every admitted device into its auth cache at start (in the background).
const filled = (await portal.waitForOutput("auth cache holds")).replace(/^.*auth cache/, "auth cache");

async function load(path: string, bodyFor: (i: number) => unknown) {
  const latencies: number[] = [];
  let wrong = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (performance.now() < deadline) {
        const i = Math.floor(Math.random() * DEVICES);
        const t0 = performance.now();
        const { status, json } = await postJson<{ result?: string }>(`${portal.baseUrl}${path}`, bodyFor(i), headers);
        latencies.push(performance.now() - t0);
        if (status !== 200 || json.result !== "allow") wrong++;
      }
    }),
  );
  return { rate: latencies.length / ((performance.now() - startedAt) / 1000), latencies, wrong };
}

const authn = await load("/api/hub/authn", (i) => ({ clientid: ids[i], username: ids[i], password: `key-${i}` }));
const authz = await load("/api/hub/authz", (i) => ({
  clientid: ids[i],
  username: ids[i],
  topic: `v1/device/${ids[i]}/telemetry`,
  action: "publish",
}));
await portal.stop();

console.log(
  `\nEMQX auth hooks: ${DEVICES.toLocaleString("en-US")} devices (${process.env.DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"}, seeded in ${(seedMs / 1000).toFixed(1)} s), ${CALLERS} callers, ${SECONDS} s each, loopback (node:http keep-alive load generator on the same 2 cores)`,
);
console.log(`  portal's ${filled}`);
for (const [name, run] of [
  ["authn (CONNECT)", authn],
  ["authz (PUBLISH)", authz],
] as const) {
  console.log(
    `  ${name.padEnd(16)} ${run.rate.toFixed(0)} checks/s, p50 ${ms(percentile(run.latencies, 50))}, p99 ${ms(percentile(run.latencies, 99))}, wrong answers ${run.wrong}. Target >= 5,000/s, p99 <= 20 ms`,
  );
}
process.exit(0);
