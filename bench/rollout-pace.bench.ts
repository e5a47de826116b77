// A rollout at scale, in real time, with the portal's own rounds: 10,000
// devices on SQLite, 100,000 on PostgreSQL (BENCH_ROLLOUT_DEVICES changes
// it), paced at 1,000 devices a minute. Rounds run every ROUND_MS as
// startRolloutRounds runs them (a round still running when the next is due
// is not doubled); the told devices stay silent, so the rounds judge a
// growing in-flight set as they go. Figures, each with a target:
//   pace:  devices told in each whole minute of the run, within 5% of 1,000;
//   other work: Send Telemetry calls (4 at a time, from devices of the
//          rollout) per second while the rounds run, against the same load
//          for 30 s before they start and 30 s after they stop: slowed by
//          at most 10%;
//   stop:  after 60 told devices report their update failed (retries 0, stop
//          rule 10% after 50 finished), how long until the rollout pauses
//          itself: within 60 s.
// Each device's final states, retries and verification are the tests'
// (test/rollouts.test.ts, e2e/rollouts.spec.ts), with simulated firmware.
import { randomUUID } from "node:crypto";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { newRolloutSchema } from "@/lib/schemas/rollout";
import { createRollout } from "@/lib/server/data/rollouts/create-rollout";
import { updateCommandStatus } from "@/lib/server/data/commands/update-command-status";
import { ACCESS_KEY_PREFIX } from "@/lib/server/data/devices/new-access-key";
import { sendTelemetry } from "@/lib/server/device-api/handlers/send-telemetry";
import { generateSecret, hashSecret } from "@/lib/server/secrets";
import { advanceRollouts, ROUND_MS } from "@/lib/server/rollouts/advance-rollouts";
import { storedFirmware } from "../test/support/firmware";
import { makeModel, makePartner } from "../test/support/partners";
import { analyzeFreshRows } from "./support";
import { target } from "./targets";

const isPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const DEVICES = Number(process.env.BENCH_ROLLOUT_DEVICES ?? (isPostgres ? 100_000 : 10_000));
const PACE = 1_000;
const MINUTES = Number(process.env.BENCH_ROLLOUT_MINUTES ?? 3);
const FAILING = 60;
const REPORTING = 2_000;
// The telemetry rate drifts over a run (caches warming, the tables
// growing), so its baseline is taken on both sides of the rounds, 30 s each,
// and averaged: a drift either way then weighs on neither side.
const BASELINE_MS = 30_000;
const WARM_UP_MS = 20_000;

await prepareDatabase();
const partner = await makePartner("Rollout bench");
const modelId = await makeModel(partner, { protocol: "HTTP" });
const seededAt = performance.now();
// The first REPORTING devices have real keys: they send the telemetry load.
const reporting: { id: string; key: string }[] = [];
for (let start = 0; start < DEVICES; start += 2_000) {
  await db.device.createMany({
    data: Array.from({ length: Math.min(2_000, DEVICES - start) }, (_, i) => {
      const id = randomUUID();
      const key = start + i < REPORTING ? generateSecret(ACCESS_KEY_PREFIX) : null;
      if (key) reporting.push({ id, key });
      return {
        id,
        partnerId: partner.partnerId,
        modelId,
        sn: `PACE-${start + i}`,
        firmwareVersion: "1.0.0",
        accessKeyHash: hashSecret(key ?? randomUUID()),
        hubPasswordHash: "unused",
      };
    }),
  });
}
const fileId = await storedFirmware({ ...partner, modelId, version: "2.0.0" });
const createdAt = performance.now();
const rollout = await createRollout({
  ...partner,
  input: newRolloutSchema.parse({
    modelId,
    fileId,
    target: "all",
    stages: "100",
    devicesPerMinute: PACE,
    timeoutMinutes: 60,
    retries: 0,
    stopFailurePercent: 10,
    stopMinFinished: 50,
  }),
});
await analyzeFreshRows(["Device", "RolloutDevice"]);
console.log(
  `\nRollout pace: ${DEVICES.toLocaleString("en-US")} devices seeded in ${((createdAt - seededAt) / 1000).toFixed(1)} s, ` +
    `rollout created in ${((performance.now() - createdAt) / 1000).toFixed(1)} s; ${MINUTES} minutes of rounds at ${PACE}/min`,
);

// The portal's other work: devices reporting telemetry, 4 calls at a time, counted.
const body = JSON.stringify({ status: "online", telemetries: { temp: 21.5 } });
const load = { calls: 0, isRunning: true };
const reporters = Array.from({ length: 4 }, async () => {
  while (load.isRunning) {
    const device = reporting[Math.floor(Math.random() * reporting.length)]!;
    const request = new Request(`http://portal.bench/v1/devices/${device.id}/telemetry`, {
      method: "POST",
      headers: { authorization: device.key, "content-type": "application/json" },
      body,
    });
    const response = await sendTelemetry(request, { params: Promise.resolve({ deviceId: device.id }) });
    if (response.status !== 200) throw new Error(`telemetry answered ${response.status}: ${await response.text()}`);
    await response.json();
    load.calls += 1;
  }
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Telemetry calls per second over the next `ms`. */
async function telemetryRate(ms: number): Promise<number> {
  const before = load.calls;
  const startedAt = Date.now();
  await sleep(ms);
  return (load.calls - before) / ((Date.now() - startedAt) / 1000);
}
await sleep(WARM_UP_MS);
const rateBefore = await telemetryRate(BASELINE_MS);

// The portal's rounds, timed: every ROUND_MS, never two at once.
const rounds: number[] = [];
function startRounds(): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= (async () => {
      const t0 = performance.now();
      await advanceRollouts(null);
      rounds.push(performance.now() - t0);
    })().finally(() => (running = null));
  }, ROUND_MS);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
let stopRounds = startRounds();
const startedAt = Date.now();
const duringRate = await telemetryRate(MINUTES * 60_000 + ROUND_MS);
const paceEndedAt = Date.now();
await stopRounds();
const rateAfter = await telemetryRate(BASELINE_MS);
const baselineRate = (rateBefore + rateAfter) / 2;
load.isRunning = false;
await Promise.all(reporters);
const told = await db.rolloutDevice.findMany({
  where: { rolloutId: rollout.id, notifiedAt: { not: null } },
  select: { notifiedAt: true },
});
const firstTold = Math.min(...told.map((row) => row.notifiedAt!.getTime()));
const perMinute = Array.from(
  { length: MINUTES },
  (_, minute) =>
    told.filter((row) => {
      const at = row.notifiedAt!.getTime() - firstTold;
      return at >= minute * 60_000 && at < (minute + 1) * 60_000;
    }).length,
);
const roundShare = (rounds.reduce((sum, ms) => sum + ms, 0) / (paceEndedAt - startedAt)) * 100;
const sorted = [...rounds].sort((a, b) => a - b);
const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? NaN;
console.log(`  told per minute: ${perMinute.join(", ")} (${told.length.toLocaleString("en-US")} in all)`);
console.log(
  `  rounds: ${rounds.length}, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, ` +
    `max ${sorted.at(-1)?.toFixed(0)} ms; ${roundShare.toFixed(1)}% of the run`,
);
const worst = Math.max(...perMinute.map((count) => Math.abs(count - PACE) / PACE)) * 100;
target("largest deviation of a minute's pace from 1,000 devices a minute", worst, { atMost: 5 }, "%");
console.log(
  `  telemetry calls: ${rateBefore.toFixed(0)}/s before the rounds, ${rateAfter.toFixed(0)}/s after them ` +
    `(${baselineRate.toFixed(0)}/s baseline), ${duringRate.toFixed(0)}/s while they run`,
);
const slowedBy = Math.max(0, (1 - duringRate / baselineRate) * 100);
target("telemetry throughput lost while the rounds run", slowedBy, { atMost: 10 }, "%");

// The stop rule: 60 told devices say their update failed, with the rounds running again.
stopRounds = startRounds();
const failing = await db.rolloutDevice.findMany({
  where: { rolloutId: rollout.id, state: "notified", commandId: { not: null } },
  select: { deviceId: true, commandId: true },
  take: FAILING,
});
for (const row of failing) {
  await updateCommandStatus({
    deviceId: row.deviceId,
    update: { id: row.commandId!, status: "failed", message: "flash write error" },
    via: "http",
  });
}
const failedAt = Date.now();
let stopSeconds = Number.POSITIVE_INFINITY;
while (Date.now() - failedAt < 120_000) {
  const { status } = await db.firmwareRollout.findUniqueOrThrow({
    where: { id: rollout.id },
    select: { status: true },
  });
  if (status === "paused") {
    stopSeconds = (Date.now() - failedAt) / 1000;
    break;
  }
  await sleep(200);
}
await stopRounds();
const failed = await db.rolloutDevice.count({ where: { rolloutId: rollout.id, state: "failed" } });
console.log(
  `  stop rule: ${failing.length} failures reported, ${failed} devices failed, paused after ${stopSeconds} s`,
);
target("time from the failures to the rollout pausing itself", stopSeconds, { atMost: 60 }, "s");
process.exit();
