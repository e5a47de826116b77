// A device's charts with 100,000 telemetry messages in its history (three
// numeric keys, one message every ~0.9 s over the last day), stored through
// the ingest's own path. Times the chart query itself (hour and day) and the
// device page's whole live-data request on the production portal, 50 runs
// each after warm-ups. Target: chart query p95 <= 100 ms.
import { auth } from "@/lib/server/auth/auth";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { getTelemetryCharts } from "@/lib/server/data/telemetry/get-telemetry-charts";
import { storeTelemetry, type TelemetryEntry } from "@/lib/server/data/telemetry/store-telemetry";
import { prepareDatabase } from "@/lib/server/database/db";
import { makeDevice } from "../test/support/hub";
import { makeModel } from "../test/support/partners";
import { ms, percentile, startPortal } from "./support";
import { target } from "./targets";

const POINTS = Number(process.env.BENCH_POINTS ?? 100_000);
const RUNS = 50;

await prepareDatabase();
const email = `chart-${Date.now()}@example.test`;
const password = "bench-password-123";
const { user } = await auth.api.signUpEmail({ body: { name: "Chart bench", email, password } });
const partner = await createPartner({ name: "Chart Bench Devices", ownerUserId: user.id });
const modelId = await makeModel(
  { partnerId: partner.id, actor: { userId: user.id, label: email } },
  { protocol: "HTTP" },
);
const device = await makeDevice(modelId);

const seedStart = performance.now();
const now = Date.now();
const step = 86_400_000 / POINTS;
for (let start = 0; start < POINTS; start += 2_000) {
  const batch: TelemetryEntry[] = [];
  for (let i = start; i < Math.min(POINTS, start + 2_000); i++) {
    const at = new Date(now - 86_400_000 + i * step);
    batch.push({
      deviceId: device.id,
      receivedAt: at,
      via: "http",
      body: {
        status: "online",
        telemetries: {
          temperature: 20 + Math.sin(i / 500) * 3,
          fan_rpm: 1200 + (i % 100),
          voltage: 229 + (i % 7) / 10,
        },
      },
    });
  }
  await storeTelemetry(batch);
}
const seedSeconds = (performance.now() - seedStart) / 1000;

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times;
}
const keys = ["fan_rpm", "temperature", "voltage"];
const results: [string, number[], number | null][] = [
  [
    "chart query, last hour (3 keys)",
    await timed(() => getTelemetryCharts({ deviceId: device.id, keys, range: "hour" })),
    100,
  ],
  [
    "chart query, last day (3 keys)",
    await timed(() => getTelemetryCharts({ deviceId: device.id, keys, range: "day" })),
    100,
  ],
];

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
for (const range of ["hour", "day"]) {
  const url = `${portal.baseUrl}/api/devices/${device.id}/conversation?range=${range}`;
  results.push([
    `device page data, last ${range}`,
    await timed(async () => {
      const response = await fetch(url, { headers: { cookie } });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      await response.arrayBuffer();
    }),
    null,
  ]);
}
await portal.stop();

console.log(
  `\nTelemetry charts, one device with ${POINTS.toLocaleString("en-US")} messages over a day (stored in ${seedSeconds.toFixed(1)} s), ${RUNS} runs each:`,
);
for (const [label, times, p95Target] of results) {
  const p95 = percentile(times, 95);
  console.log(`  ${label.padEnd(34)} p50 ${ms(percentile(times, 50))}  p95 ${ms(p95)}`);
  if (p95Target !== null) target(`${label} p95`, p95, { atMost: p95Target }, "ms");
}
process.exit();
