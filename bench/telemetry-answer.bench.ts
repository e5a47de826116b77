// What the telemetry answer's firmware and licence fields cost a telemetry
// call. They are read in the statement that looks the device up on every
// call (its rollout's file, whether a licence waits) and from the model's
// newest release, cached per model. Measured in one run, in process, on a
// model of 10,000 HTTP devices with three releases, a running rollout to all
// of them (2,000 downloading), 200 licences and 500 waiting commands:
//   call:     a whole Send Telemetry call (the route, its key check, the
//             queued write, the call's history, the answer);
//   lookup:   the device lookup as the call makes it, and the answer;
//   baseline: the lookup as it was before firmware and licences (below).
// Each is timed in rounds of random devices, 16 at a time, interleaved, the
// median round kept. Their difference over the rest of the call is what the fields add;
// target at most 5%.
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { UNFINISHED_STATUSES } from "@/lib/schemas/device-command";
import { issueLicenseSchema } from "@/lib/schemas/license";
import { newRolloutSchema } from "@/lib/schemas/rollout";
import { authenticatedFrom } from "@/lib/server/device-api/authenticate-device";
import { telemetryAnswer } from "@/lib/server/device-api/telemetry-answer";
import { sendTelemetry } from "@/lib/server/device-api/handlers/send-telemetry";
import { queueCommand } from "@/lib/server/data/commands/queue-command";
import { findDeviceForCall } from "@/lib/server/data/devices/find-device-for-call";
import { ACCESS_KEY_PREFIX } from "@/lib/server/data/devices/new-access-key";
import { generateSecret, hashSecret } from "@/lib/server/secrets";
import { issueLicense } from "@/lib/server/data/licenses/issue-license";
import { createLicenseType } from "@/lib/server/data/licenses/license-types";
import { createRollout } from "@/lib/server/data/rollouts/create-rollout";
import { flushTelemetry } from "@/lib/server/data/telemetry/telemetry-buffer";
import { flushHistory } from "@/lib/server/device-history/record-history";
import { flushHttpCalls } from "@/lib/server/device-history/record-http-call";
import { storedFirmware } from "../test/support/firmware";
import { makeModel, makePartner } from "../test/support/partners";
import { analyzeFreshRows } from "./support";
import { target } from "./targets";

const DEVICES = 10_000;
const ROUNDS = 12;
const PER_ROUND = 400;
const CONCURRENCY = 16;

await prepareDatabase();
const partner = await makePartner("Answer bench");
const modelId = await makeModel(partner, { protocol: "HTTP" });
// Each device its own access key (the portal's HMAC of it is unique); one broker hash for all (unused here).
const ids: string[] = Array.from({ length: DEVICES }, () => randomUUID());
const keys = new Map(ids.map((id) => [id, generateSecret(ACCESS_KEY_PREFIX)]));
const hubPasswordHash = brokerPasswordHash("unused");
for (let start = 0; start < DEVICES; start += 2_000) {
  await db.device.createMany({
    data: ids.slice(start, start + 2_000).map((id, i) => ({
      id,
      partnerId: partner.partnerId,
      modelId,
      sn: `ANS-${start + i}`,
      firmwareVersion: "1.0.0",
      accessKeyHash: hashSecret(keys.get(id)!),
      hubPasswordHash,
    })),
  });
}
for (const version of ["1.5.0", "1.9.0"]) await storedFirmware({ ...partner, modelId, version });
const fileId = await storedFirmware({ ...partner, modelId, version: "2.0.0" });
const rollout = await createRollout({
  ...partner,
  input: newRolloutSchema.parse({ modelId, fileId, target: "all", stages: "100", devicesPerMinute: 10_000 }),
});
await db.rolloutDevice.updateMany({
  where: { rolloutId: rollout.id, position: { lt: 2_000 } },
  data: { state: "downloading" },
});
const type = await createLicenseType({ ...partner, input: { modelId, name: "Pro", description: null } });
for (const deviceId of ids.slice(0, 200)) {
  const input = issueLicenseSchema.parse({ deviceId, typeId: type.id, data: '{"seats":1}' });
  await issueLicense({ ...partner, input });
}
for (const deviceId of ids.slice(0, 500)) {
  await queueCommand({ ...partner, deviceId, command: { name: "sync", parameters: {} } });
}

await analyzeFreshRows(["Device", "RolloutDevice", "DeviceLicense", "DeviceCommand"]);

// The lookup before firmware and licences (the statement of
// lib/server/data/devices/find-device-for-call.ts without them): the baseline.
const baselineLookup = (deviceId: string) =>
  db.$queryRaw<unknown[]>`
    SELECT d."id", d."partnerId", d."modelId", d."sn", d."firmwareVersion", d."configVersion", d."infoVersion", d."isEnabled", d."accessKeyHash", d."parentId",
      EXISTS (
        SELECT 1 FROM "DeviceCommand" c
        WHERE c."deviceId" = d."id" AND c."status" IN (${Prisma.join(UNFINISHED_STATUSES)}) AND c."expiresAt" > ${new Date()}
      ) AS "isCommandWaiting"
    FROM "Device" d WHERE d."id" IN (${deviceId})`;

const lookup = async (deviceId: string) => {
  const row = await findDeviceForCall(deviceId);
  await telemetryAnswer(authenticatedFrom(row!));
};

const body = JSON.stringify({ status: "online", telemetries: { temp: 21.5, humidity: 40 } });
const call = async (deviceId: string) => {
  const request = new Request(`http://portal.bench/v1/devices/${deviceId}/telemetry`, {
    method: "POST",
    headers: { authorization: keys.get(deviceId)!, "content-type": "application/json" },
    body,
  });
  const response = await sendTelemetry(request, { params: Promise.resolve({ deviceId }) });
  if (response.status !== 200) throw new Error(`telemetry answered ${response.status}: ${await response.text()}`);
  await response.json();
};

const pick = () => ids[Math.floor(Math.random() * DEVICES)]!;
// 16 at a time, as a fleet's calls arrive: a call waits for its batch to be
// written, so one at a time would time that wait, not what a call costs.
// The time per call of a round is the inverse of its rate.
async function round(work: (deviceId: string) => Promise<unknown>): Promise<number> {
  let left = PER_ROUND;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await work(pick());
    }),
  );
  return (performance.now() - t0) / PER_ROUND;
}
const ms = (value: number) => `${value.toFixed(3)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// Warm-up: Prisma's compiler, the statements, the caches.
for (const work of [call, lookup, baselineLookup]) await round(work);
await drain();
const times = { call: [] as number[], lookup: [] as number[], baseline: [] as number[] };
// The calls' writes go to the database behind them: drained before the
// lookups are timed, so those are not timed against the writes.
async function drain(): Promise<void> {
  flushHttpCalls(true);
  await flushTelemetry();
  await flushHistory();
}
for (let r = 0; r < ROUNDS; r++) {
  times.call.push(await round(call));
  await drain();
  times.lookup.push(await round(lookup));
  times.baseline.push(await round(baselineLookup));
}
const [callMs, lookupMs, baselineMs] = [median(times.call), median(times.lookup), median(times.baseline)];
const added = Math.max(0, lookupMs - baselineMs);
const share = (added / (callMs - added)) * 100;
console.log(
  `\nTelemetry answer, ${DEVICES.toLocaleString("en-US")} devices (2,000 mid-rollout, 200 licences, 500 commands), per call:`,
);
console.log(`  whole call ${ms(callMs)}; lookup and answer ${ms(lookupMs)}; lookup as before ${ms(baselineMs)}`);
console.log(`  the firmware and licence fields add ${(added * 1000).toFixed(0)} µs a call`);
target("cost of the firmware and licence fields over the rest of the call", share, { atMost: 5 }, "%");
process.exit();
