// What every request pays, with the fleet's work out of the way: the
// production portal (npm start) on loopback, 1,000 devices registered.
// - GET /api/health (the database and hub checked) from 16 concurrent clients
//   for BENCH_SECONDS (10), against the bare node:http floor (bench/floor.ts)
//   measured first in the same run by the same clients;
// - a signed-in page, the devices list, from one client: 30 sequential
//   requests after 5 warm-ups (server time as the client sees it).
// Targets: health >= 0.30x the floor; devices list p95 <= 50 ms.
import { prepareDatabase } from "@/lib/server/database/db";
import { auth } from "@/lib/server/auth/auth";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { measureFloor } from "./floor";
import { callsPerSecond, getStatus, modelWithDevices, ms, percentile, startPortal } from "./support";
import { target } from "./targets";

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = "bench-password-123";

await prepareDatabase();
const email = `health-${Date.now()}@example.test`;
const { user } = await auth.api.signUpEmail({ body: { name: "Health bench", email, password: PASSWORD } });
const partner = await createPartner({ name: "Health bench", ownerUserId: user.id });
await modelWithDevices(1_000, { partnerId: partner.id, actor: { userId: user.id, label: email } });

const floor = await measureFloor({ clients: CLIENTS, seconds: SECONDS });
const portal = await startPortal();
const health = `${portal.baseUrl}/api/health`;

/** GETs `url` from CLIENTS clients for `seconds`; anything but a 200 fails the benchmark. */
const load = (url: string, seconds: number) =>
  callsPerSecond(CLIENTS, seconds, async () => {
    const status = await getStatus(url);
    if (status !== 200) throw new Error(`${url} answered ${status}`);
  });
await load(health, 1); // warm-up: code compiled on first use
const healthRate = await load(health, SECONDS);

const signIn = await fetch(`${portal.baseUrl}/api/auth/sign-in/email`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: portal.baseUrl },
  body: JSON.stringify({ email, password: PASSWORD }),
});
const cookie = signIn.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");
if (!signIn.ok || !cookie) throw new Error(`sign-in failed: ${signIn.status}`);
const page = `${portal.baseUrl}/devices`;
const pageTimes: number[] = [];
for (let i = 0; i < 35; i++) {
  const t0 = performance.now();
  const status = await getStatus(page, { cookie });
  if (status !== 200) throw new Error(`/devices answered ${status}`);
  if (i >= 5) pageTimes.push(performance.now() - t0);
}
await portal.stop();

console.log(
  `\nwhat every request pays (${CLIENTS} clients, ${SECONDS} s; node:http keep-alive load generator on the same cores)`,
);
console.log(`  bare node:http floor   ${floor.toFixed(0)} answers/s`);
console.log(
  `  GET /api/health        ${healthRate.toFixed(0)} answers/s (${(healthRate / floor).toFixed(3)}x the floor)`,
);
console.log(
  `  devices list, 1 client p50 ${ms(percentile(pageTimes, 50))}, p95 ${ms(percentile(pageTimes, 95))} (1,000 devices)`,
);
target("GET /api/health, of the bare node:http floor", healthRate / floor, { atLeast: 0.3 }, "x");
target("devices list p95 at one client", percentile(pageTimes, 95), { atMost: 50 }, "ms");
process.exit();
