// The devices page at fleet scale: 100,000 devices over 20 models in the
// default (SQLite) database, the production portal on loopback. Server time of
// the first page, a filtered page, a deep cursor page and a substring search
// (p50/p95 over 50 requests each, after 3 warm-ups), the CSV export of all
// rows (time and the portal's memory growth, sampled from /proc), and the
// seed time. Targets: pages p95 <= 100 ms, search p95 <= 200 ms, export <= 5 s
// with memory growth under 100 MB.
import { readFileSync } from "node:fs";
import { auth } from "@/lib/server/auth";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { listDevices } from "@/lib/server/data/devices/list-devices";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { prepareDatabase } from "@/lib/server/db";
import { seedFleet } from "../prisma/fleet";
import { ms, percentile, startPortal } from "./support";

const DEVICES = Number(process.env.BENCH_FLEET ?? 100_000);
const RUNS = 50;

await prepareDatabase();
const email = `fleet-${Date.now()}@example.test`;
const password = "bench-password-123";
const { user } = await auth.api.signUpEmail({ body: { name: "Fleet bench", email, password } });
const partner = await createPartner({ name: "Fleet Bench Devices", ownerUserId: user.id });
const seedStart = performance.now();
const { modelIds } = await seedFleet({
  partnerId: partner.id,
  actor: { userId: user.id, label: email },
  count: DEVICES,
  models: 20,
});
const seedMs = performance.now() - seedStart;

// A cursor 80% of the way down the newest-first list, as "Next page" would give it.
const deep = await listDevices({
  partnerId: partner.id,
  query: deviceListQuerySchema.parse({}),
  take: Math.floor(DEVICES * 0.8),
});

const portal = await startPortal();
const signIn = await fetch(`${portal.baseUrl}/api/auth/sign-in/email`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: portal.baseUrl },
  body: JSON.stringify({ email, password }),
});
const cookie = signIn.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");
if (!signIn.ok || !cookie) throw new Error(`sign-in failed: ${signIn.status}`);

async function timed(path: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const response = await fetch(`${portal.baseUrl}${path}`, { headers: { cookie } });
  const body = await response.arrayBuffer();
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return { ms: performance.now() - t0, bytes: body.byteLength };
}

const cases: [string, string, number][] = [
  ["first page", "/devices", 100],
  ["filtered page (model + status + firmware)", `/devices?model=${modelIds[3]}&status=offline&firmware=1.2.1`, 100],
  ["deep cursor page (80,000 rows down)", `/devices?cursor=${deep.nextCursor}`, 100],
  ["last-seen sort", "/devices?sort=last_seen_desc", 100],
  ["substring search", "/devices?q=site%2042", 200],
  ["substring search, rare (one device)", `/devices?q=${encodeURIComponent("-077777")}`, 200],
];
console.log(
  `\nDevices page, ${DEVICES.toLocaleString("en-US")} devices over 20 models (seeded in ${(seedMs / 1000).toFixed(1)} s), ${RUNS} requests each:`,
);
for (const [label, path, target] of cases) {
  for (let i = 0; i < 3; i++) await timed(path);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const result = await timed(path);
    times.push(result.ms);
    bytes = result.bytes;
  }
  const p95 = percentile(times, 95);
  console.log(
    `  ${label.padEnd(42)} p50 ${ms(percentile(times, 50))}  p95 ${ms(p95)}  (${Math.round(bytes / 1024)} KiB)  target p95 <= ${target} ms: ${p95 <= target ? "met" : "MISSED"}`,
  );
}

const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${portal.pid}/status`, "utf8"))?.[1] ?? 0);
const baseline = rssKb();
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, rssKb())), 10);
const t0 = performance.now();
const response = await fetch(`${portal.baseUrl}/api/devices/export`, { headers: { cookie } });
let lines = 0;
let exportedBytes = 0;
const reader = response.body!.getReader();
for (let read = await reader.read(); !read.done; read = await reader.read()) {
  exportedBytes += read.value.byteLength;
  for (const byte of read.value) if (byte === 10) lines++;
}
const exportMs = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, rssKb());
const growthMb = (peak - baseline) / 1024;
console.log(
  `  CSV export of all rows: ${lines - 1} rows, ${(exportedBytes / 1e6).toFixed(1)} MB in ${(exportMs / 1000).toFixed(2)} s; portal RSS ${Math.round(baseline / 1024)} → peak ${Math.round(peak / 1024)} MB (growth ${growthMb.toFixed(1)} MB). Target <= 5 s and < 100 MB: ${exportMs <= 5_000 && growthMb < 100 ? "met" : "MISSED"}`,
);
if (lines - 1 !== DEVICES) throw new Error(`export had ${lines - 1} rows, expected ${DEVICES}`);
await portal.stop();
process.exit(0);
