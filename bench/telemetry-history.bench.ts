// The management API's telemetry history of one device over 7 days, as a
// partner's backend reads it: the device reported every 5 s (so each of its
// 4 numeric keys has 10,080 per-minute figures of 12 readings), the
// production portal on loopback, an API token on every call. Sequential
// requests after 3 warm-ups, for the whole week in the default buckets (21
// minutes), per hour, and the last day per minute. Target p95 <= 100 ms each.
import { randomUUID } from "node:crypto";
import { createApiToken } from "@/lib/server/data/api-tokens/create-api-token";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { makeModel, makePartner } from "../test/support/partners";
import { getStatus, ms, percentile, startPortal } from "./support";
import { target } from "./targets";

const RUNS = 50;
const DAYS = 7;
const KEYS = ["temp", "humidity", "fan_rpm", "voltage"];

await prepareDatabase();
const partner = await makePartner("History bench");
const modelId = await makeModel(partner, { protocol: "HTTP" });
const deviceId = randomUUID();
await db.device.create({
  data: {
    id: deviceId,
    partnerId: partner.partnerId,
    modelId,
    sn: "HIST-1",
    firmwareVersion: "1.0.0",
    accessKeyHash: randomUUID(),
    hubPasswordHash: brokerPasswordHash("unused"),
    telemetryState: JSON.stringify({ temp: 21, humidity: 40, fan_rpm: 1200, voltage: 12.1 }),
    telemetryStatus: "online",
    telemetryAt: new Date(),
  },
});
const now = Math.floor(Date.now() / 60_000);
const minutes = DAYS * 1_440;
for (const key of KEYS) {
  for (let start = 0; start < minutes; start += 2_000) {
    await db.telemetryMinute.createMany({
      data: Array.from({ length: Math.min(2_000, minutes - start) }, (_, i) => {
        const value = 20 + Math.sin((start + i) / 60) * 5;
        return {
          deviceId,
          key,
          minute: now - minutes + start + i,
          count: 12,
          sum: value * 12,
          min: value - 1,
          max: value + 1,
          last: value,
        };
      }),
    });
  }
}
const token = await createApiToken({
  ...partner,
  actorRole: "owner",
  input: { name: "backend", role: "viewer", expiresInDays: null },
});
const portal = await startPortal({ API_TOKEN_RATE_PER_MINUTE: "100000000" });
const headers = { authorization: `Bearer ${token.secret}` };
const week = new Date((now - minutes) * 60_000).toISOString();
const day = new Date((now - 1_440) * 60_000).toISOString();

async function measure(label: string, query: string): Promise<void> {
  const url = `${portal.baseUrl}/api/v1/devices/${deviceId}/telemetry?${query}`;
  const times: number[] = [];
  for (let run = 0; run < RUNS + 3; run += 1) {
    const t0 = performance.now();
    const status = await getStatus(url, headers);
    if (status !== 200) throw new Error(`${label} answered ${status}`);
    if (run >= 3) times.push(performance.now() - t0);
  }
  const p95 = percentile(times, 95);
  console.log(`  ${label}: p50 ${ms(percentile(times, 50))}  p95 ${ms(p95)}`);
  target(`${label} p95`, p95, { atMost: 100 }, "ms");
}

console.log(`\nTelemetry history by API token, one device, ${KEYS.length} keys, ${DAYS} days at a reading every 5 s:`);
await measure("7 days, default buckets", `from=${encodeURIComponent(week)}`);
await measure("7 days, hourly", `from=${encodeURIComponent(week)}&bucket=60`);
await measure("last day, per minute", `from=${encodeURIComponent(day)}&bucket=1`);
await portal.stop();
process.exit();
