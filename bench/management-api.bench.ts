// The management API at fleet scale: 100,000 devices over 20 models, the
// production portal on loopback, every call authenticated by an API token.
// (1) The device list (the devices page's data function) by token: first
// page, filtered page, deep cursor page and substring search, p50/p95 over 50
// sequential requests after 3 warm-ups. Target p95 <= 100 ms.
// (2) Token checks: 16 concurrent clients (node:http keep-alive) for 10 s on
// a call whose cost is the token check and the policy (a viewer token asking
// to create a hardware key: authenticated, then refused 403 before any
// query): target >= 3,000/s. And, for comparison, a one-row read (GET
// /api/v1/devices/{id}), whose rate the database read sets, not the token check.
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { createApiToken } from "@/lib/server/data/api-tokens/create-api-token";
import { listDevices } from "@/lib/server/data/devices/list-devices";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { foldDeviceCountChanges } from "@/lib/server/data/fleet-counts/fold-device-count-changes";
import { seedFleet } from "../prisma/fleet";
import { getStatus, ms, percentile, startPortal } from "./support";
import { target } from "./targets";

const DEVICES = Number(process.env.BENCH_FLEET ?? 100_000);
const RUNS = 50;
const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

await prepareDatabase();
const user = await db.user.create({
  data: { id: crypto.randomUUID(), name: "API bench", email: `api-${Date.now()}@example.test` },
});
const partner = await createPartner({ name: "API Bench Devices", ownerUserId: user.id });
const actor = { userId: user.id, label: user.email };
const seedStart = performance.now();
const { modelIds } = await seedFleet({ partnerId: partner.id, actor, count: DEVICES, models: 20 });
const seedMs = performance.now() - seedStart;
// The seed's 100,000 count changes folded in now, as a settled fleet's are;
// otherwise every list sums them until the portal's first fold.
await foldDeviceCountChanges();
const deep = await listDevices({
  partnerId: partner.id,
  query: deviceListQuerySchema.parse({}),
  take: Math.floor(DEVICES * 0.8),
});
const oneDevice = await db.device.findFirstOrThrow({ where: { partnerId: partner.id }, select: { id: true } });
const token = (role: "admin" | "viewer") =>
  createApiToken({
    partnerId: partner.id,
    actor,
    actorRole: "owner",
    input: { name: role, role, expiresInDays: null },
  });
const [admin, viewer] = [await token("admin"), await token("viewer")];

const portal = await startPortal({ API_TOKEN_RATE_PER_MINUTE: "100000000" });
const auth = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function timed(path: string): Promise<number> {
  const t0 = performance.now();
  const status = await getStatus(`${portal.baseUrl}${path}`, auth(admin.secret));
  if (status !== 200) throw new Error(`${path} answered ${status}`);
  return performance.now() - t0;
}

console.log(
  `\nManagement API, ${DEVICES.toLocaleString("en-US")} devices over 20 models (seeded in ${(seedMs / 1000).toFixed(1)} s), by API token:`,
);
const cases: [string, string][] = [
  ["device list, first page", "/api/v1/devices"],
  ["filtered (model + status + firmware)", `/api/v1/devices?model=${modelIds[3]}&status=offline&firmware=1.2.1`],
  ["deep cursor page (80,000 rows down)", `/api/v1/devices?cursor=${deep.nextCursor}`],
  ["substring search", "/api/v1/devices?q=site%2042"],
];
for (const [label, path] of cases) {
  for (let i = 0; i < 3; i++) await timed(path);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timed(path));
  const p95 = percentile(times, 95);
  console.log(`  ${label.padEnd(40)} p50 ${ms(percentile(times, 50))}  p95 ${ms(p95)}`);
  target(`${label} p95`, p95, { atMost: 100 }, "ms");
}

async function load(
  label: string,
  path: string,
  method: string,
  secret: string,
  expected: number,
  minRate: number | null,
) {
  let done = 0;
  let wrong = 0;
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const { request } = await import("node:http");
  const { Agent } = await import("node:http");
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${portal.baseUrl}${path}`, { method, agent, headers: auth(secret) }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end();
    });
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const status = await once();
        latencies.push(performance.now() - t0);
        if (status === expected) done++;
        else wrong++;
      }
    }),
  );
  const rate = done / ((performance.now() - started) / 1000);
  console.log(
    `  ${label.padEnd(40)} ${rate.toFixed(0)} req/s  p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}  unexpected answers ${wrong}`,
  );
  if (minRate !== null) target(label, rate, { atLeast: minRate }, "/s");
  target(`${label}: unexpected answers`, wrong, { atMost: 0 }, "answers");
}
console.log(`Token checks, ${CLIENTS} clients for ${SECONDS} s (load generator on the same 2 cores):`);
await load(
  "token check + policy (403)",
  `/api/v1/models/${modelIds[0]}/hardware-keys`,
  "POST",
  viewer.secret,
  403,
  3_000,
);
await load("token check + one-device read (200)", `/api/v1/devices/${oneDevice.id}`, "GET", admin.secret, 200, null);
await portal.stop();
process.exit();
