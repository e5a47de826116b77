// The EMQX auth hook (HUB_MODE=emqx) under load: 100,000 devices in the
// default database, the production portal on loopback, 32 concurrent callers.
// Measured once the portal has read every admitted device into its auth cache
// (it does so at start, and says how long it took):
// - cached: a CONNECT check for a random device with its right key (as when a
//   fleet reconnects after a broker restart), for BENCH_SECONDS (30) each,
//   then the same for ACL checks;
// - cold: devices inserted after the cache was filled (as when another portal
//   process registered them), each checked once, so every check reads the database;
// - refused: a known device with a wrong key (answered from the cache), and an
//   unknown id (a database read each, as a scan of made-up ids would cause).
// Target (on PostgreSQL): >= 5,000 cached checks/s with p99 <= 20 ms.
// Every answer must be the expected one (allow, or deny for the refused);
// the benchmark fails otherwise.
import { randomBytes, randomUUID } from "node:crypto";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { hashSecret } from "@/lib/server/secrets";
import { makeModel, makePartner } from "../test/support/partners";
import { analyzeFreshRows, ms, percentile, postJson, startPortal } from "./support";
import { target } from "./targets";

const DEVICES = Number(process.env.BENCH_FLEET ?? 100_000);
const COLD = Number(process.env.BENCH_COLD ?? 20_000);
const CALLERS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

await prepareDatabase();
const partner = await makePartner("Auth bench");
const modelId = await makeModel(partner, { protocol: "MQTT" });

// EMQX's hooks never read it, but a later benchmark's embedded hub, in the
// same database (npm run bench), writes it into Mosquitto's password file:
// an invalid one there is an error line per device and a broker too busy
// to let the portal in.
const unusedBrokerHash = brokerPasswordHash(randomUUID());

/** Inserts `count` devices whose keys are `${prefix}-${i}`; resolves with their ids. */
async function insertDevices(prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - start) }, (_, i) => {
      const id = randomUUID();
      ids.push(id);
      return {
        id,
        partnerId: partner.partnerId,
        modelId,
        sn: `${prefix}-${start + i}`,
        firmwareVersion: "1.0.0",
        accessKeyHash: hashSecret(`${prefix}-${start + i}`),
        hubPasswordHash: unusedBrokerHash,
      };
    });
    await db.device.createMany({ data: rows });
  }
  return ids;
}

const seedStart = performance.now();
const ids = await insertDevices("key", DEVICES);
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
// Registered after the fill, so no portal process holds them yet.
const coldIds = await insertDevices("cold", COLD);
await analyzeFreshRows(["Device"]);

type Run = { rate: number; latencies: number[]; wrong: number };

/** CALLERS callers asking with `next()`'s bodies until it returns undefined or SECONDS pass. */
async function load(path: string, next: () => unknown, expected: "allow" | "deny"): Promise<Run> {
  const latencies: number[] = [];
  let wrong = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      for (let body = next(); body !== undefined && performance.now() < deadline; body = next()) {
        const t0 = performance.now();
        const { status, json } = await postJson<{ result?: string }>(`${portal.baseUrl}${path}`, body, headers);
        latencies.push(performance.now() - t0);
        if (status !== 200 || json.result !== expected) wrong++;
      }
    }),
  );
  return { rate: latencies.length / ((performance.now() - startedAt) / 1000), latencies, wrong };
}

const random = () => Math.floor(Math.random() * DEVICES);
const connect = (id: string, password: string) => ({ clientid: id, username: id, password });
const runs: Array<[string, Run]> = [];
runs.push([
  "authn, cached",
  await load(
    "/api/hub/authn",
    () => {
      const i = random();
      return connect(ids[i]!, `key-${i}`);
    },
    "allow",
  ),
]);
runs.push([
  "authz, cached",
  await load(
    "/api/hub/authz",
    () => {
      const id = ids[random()]!;
      return { clientid: id, username: id, topic: `v1/device/${id}/telemetry`, action: "publish" };
    },
    "allow",
  ),
]);
let nextCold = 0;
runs.push([
  "authn, cold (db read)",
  await load(
    "/api/hub/authn",
    () => (nextCold < COLD ? connect(coldIds[nextCold]!, `cold-${nextCold++}`) : undefined),
    "allow",
  ),
]);
runs.push([
  "authn, wrong key",
  await load("/api/hub/authn", () => connect(ids[random()]!, `not-the-key-${randomUUID()}`), "deny"),
]);
runs.push(["authn, unknown id", await load("/api/hub/authn", () => connect(randomUUID(), "key-0"), "deny")]);
await portal.stop();

console.log(
  `\nEMQX auth hooks: ${DEVICES.toLocaleString("en-US")} devices (${process.env.DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"}, seeded in ${(seedMs / 1000).toFixed(1)} s), ${CALLERS} callers, up to ${SECONDS} s each, loopback (node:http keep-alive load generator on the same 2 cores)`,
);
console.log(`  portal's ${filled}; ${COLD.toLocaleString("en-US")} more devices inserted after it (the cold reads)`);
for (const [name, run] of runs) {
  console.log(
    `  ${name.padEnd(22)} ${String(run.latencies.length).padStart(7)} checks, ${run.rate.toFixed(0).padStart(6)}/s, p50 ${ms(percentile(run.latencies, 50))}, p99 ${ms(percentile(run.latencies, 99))}, wrong answers ${run.wrong}`,
  );
}
for (const [name, run] of runs.filter(([name]) => name.endsWith("cached"))) {
  target(`${name} checks`, run.rate, { atLeast: 5_000 }, "/s");
  target(`${name} p99`, percentile(run.latencies, 99), { atMost: 20 }, "ms");
}
target(
  "wrong answers",
  runs.reduce((sum, [, run]) => sum + run.wrong, 0),
  { atMost: 0 },
  "answers",
);
process.exit();
