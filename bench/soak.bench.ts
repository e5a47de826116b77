// A soak under faults, bounded and on loopback only: a
// production portal with its embedded hub; a fleet of devices holding MQTT
// sessions and publishing telemetry (bench/soak-fleet.ts, a child process);
// registrations at a steady rate; meanwhile the broker is killed with
// `kill -9` twice and the portal is restarted once. Afterwards:
// - every 201 is in the database with its id, and its device connects with its
//   current key (a disabled one is refused);
// - no rotated-out or disabled key is admitted once the API has answered the
//   change (bench/soak-revocations.ts: 5 changes a second, an attacker retrying the old keys);
// - after each fault the whole fleet is connected again within 10 s, and
//   presence (the database's isConnected) agrees within 5 s after that;
// - each portal process's resident memory grows < 100 MB after its warm-up
//   (bench/soak-memory.ts; the broker's, the fleet's and this process's are shown beside it);
// - no 5xx other than 503 while the hub or portal restarts.
// BENCH_SOAK_SECONDS (600), BENCH_SOAK_DEVICES (5000), BENCH_SOAK_REGISTRATIONS_PER_S (50),
// BENCH_SOAK_CHANGES_PER_S (5), BENCH_SOAK_ATTACKS_PER_S (40), BENCH_SOAK_REPORT_MS (30000).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { createApiToken } from "@/lib/server/data/api-tokens/create-api-token";
import { connectDevice } from "../test/support/hub";
import { makeModel, makePartner } from "../test/support/partners";
import { watchMemory } from "./soak-memory";
import { startRevocations, type SoakDevice } from "./soak-revocations";
import { freePort } from "../test/support/free-port";
import { postJson, startPortal } from "./support";

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const DEVICES = Number(process.env.BENCH_SOAK_DEVICES ?? 5_000);
const REGISTRATIONS_PER_S = Number(process.env.BENCH_SOAK_REGISTRATIONS_PER_S ?? 50);
const REPORT_MS = Number(process.env.BENCH_SOAK_REPORT_MS ?? 30_000);
const CHANGES_PER_S = Number(process.env.BENCH_SOAK_CHANGES_PER_S ?? 5);
const ATTACKS_PER_S = Number(process.env.BENCH_SOAK_ATTACKS_PER_S ?? 40);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// The broker and the fleet's process each hold a descriptor per device. Node
// raises its soft limit on open files to the hard one, and its children
// inherit that, so the hard limit is the one that counts.
const openFiles = /^Max open files\s+(\S+)/m.exec(readFileSync("/proc/self/limits", "utf8"))?.[1] ?? "unlimited";
if (Number(openFiles) < DEVICES + 1_024)
  throw new Error(
    `${DEVICES} devices need more than ${openFiles} open files per process: raise the hard limit (ulimit -Hn ${DEVICES + 4_096} as root, or LimitNOFILE in a systemd unit)`,
  );

const partner = await makePartner("Soak");
const keyFor = async (label: string) => {
  const modelId = await makeModel(partner, { protocol: "MQTT" });
  const key = await createHardwareKey({ ...partner, input: { modelId, label, expectedDevices: null } });
  return { modelId, secret: key.secret };
};
const fleetModel = await keyFor("fleet");
const newModel = await keyFor("registrations");
const { secret: adminToken } = await createApiToken({
  partnerId: partner.partnerId,
  actor: partner.actor,
  actorRole: "owner",
  input: { name: "soak", role: "admin", expiresInDays: null },
});

// The management API's per-token limit (6,000 a minute) is not what is measured here.
const portalEnv = { API_TOKEN_RATE_PER_MINUTE: "100000000" };
/** The portal, with its inspector on a loopback port: the memory readings force a full GC through it. */
const startInspectablePortal = async (env: Record<string, string>) => {
  const inspectPort = await freePort();
  return { ...(await startPortal(env, { inspectPort })), inspectPort };
};
let portal = await startInspectablePortal(portalEnv);
const { port, mqttPort, hubDir } = portal;
const samePorts = { ...portalEnv, PORT: String(port), MQTT_PORT: String(mqttPort), HUB_DATA_DIR: hubDir };
const mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
const register = (hardwareKey: string, sn: string) =>
  postJson<{ id: string; access_key: string; error?: string }>(`${portal.baseUrl}/v1/devices`, {
    sn,
    firmware_version: "1.0.0",
    hardware_key: hardwareKey,
  });

// The fleet: registered through the API like any device.
const fleet: { id: string; key: string }[] = [];
let serial = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (serial < DEVICES) {
      const { status, json } = await register(fleetModel.secret, `FLEET-${serial++}`);
      if (status !== 201) throw new Error(`fleet registration: ${status} ${json.error}`);
      fleet.push({ id: json.id, key: json.access_key });
    }
  }),
);
const jobFile = `.tmp/soak-fleet-${Date.now()}.json`;
writeFileSync(jobFile, JSON.stringify({ mqttUrl, devices: fleet, everyMs: REPORT_MS }));
const child = spawn(process.execPath, ["--import", "tsx", "bench/soak-fleet.ts", jobFile], {
  stdio: ["ignore", "pipe", "inherit"],
});
process.once("exit", () => child.kill("SIGKILL"));
const fleetState = { connected: 0, acked: 0, failed: 0, refused: 0 };
createInterface({ input: child.stdout }).on("line", (line) => {
  const before = fleetState.connected;
  Object.assign(fleetState, JSON.parse(line) as typeof fleetState);
  // BENCH_SOAK_TRACE=1: each change of the connected count, timed, to set beside the portal's log.
  if (process.env.BENCH_SOAK_TRACE && fleetState.connected !== before)
    console.error(`${new Date().toISOString()} fleet connected ${fleetState.connected}`);
});

/** Resolves with the ms until `condition` holds, checked every 100 ms; Infinity after `limitMs`. */
async function within(condition: () => boolean | Promise<boolean>, limitMs: number): Promise<number> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < limitMs) {
    if (await condition()) return performance.now() - startedAt;
    await sleep(100);
  }
  return Infinity;
}
const fleetConnected = () => fleetState.connected === DEVICES;
const presenceAgrees = async () =>
  (await db.device.count({ where: { modelId: fleetModel.modelId, isConnected: true } })) === DEVICES;

const firstConnect = await within(fleetConnected, 180_000);
if (firstConnect === Infinity) throw new Error(`the fleet did not connect: ${fleetState.connected}/${DEVICES}`);
console.log(`fleet of ${DEVICES} connected ${seconds(firstConnect)} after its child started`);

// Registrations at a steady rate, from now to the end.
const created: SoakDevice[] = [];
const statuses = new Map<string, number>();
const unexpected5xx: string[] = [];
let isRestarting = false;
let isRegistering = true;
let regSerial = 0;
const registrations = (async () => {
  const tickMs = 100;
  let owed = 0;
  const pending: Promise<void>[] = [];
  while (isRegistering) {
    owed += (REGISTRATIONS_PER_S * tickMs) / 1000;
    for (; owed >= 1; owed--) {
      const sn = `SOAK-${regSerial++}`;
      pending.push(
        register(newModel.secret, sn).then(
          ({ status, json }) => {
            statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
            if (status === 201) created.push({ id: json.id, key: json.access_key });
            else if (status >= 500 && !(status === 503 && isRestarting)) unexpected5xx.push(`${status} ${json.error}`);
          },
          (error: unknown) => {
            const what = isRestarting ? "no connection (portal restarting)" : `error: ${String(error)}`;
            statuses.set(what, (statuses.get(what) ?? 0) + 1);
          },
        ),
      );
    }
    await sleep(tickMs);
  }
  await Promise.all(pending);
})();

// Rotations and disables of devices registered during the soak, from now to the end.
let changeCursor = 0;
const revocations = startRevocations({
  baseUrl: () => portal.baseUrl,
  token: adminToken,
  mqttUrl,
  perSecond: CHANGES_PER_S,
  attacksPerSecond: ATTACKS_PER_S,
  nextDevice: () => created[changeCursor++] ?? (changeCursor--, undefined),
  isRestarting: () => isRestarting,
});

type Fault = { name: string; reconnectMs: number; presenceMs: number };
const faults: Fault[] = [];
/** Times the fleet's way back from a fault made at `faultAt` (performance.now()), and presence's after it. */
async function afterFault(name: string, faultAt: number, isDropSeen: boolean): Promise<void> {
  // The fleet notices a killed broker at once (its sockets close); wait for that before waiting for the way back.
  if (!isDropSeen) await within(() => fleetState.connected < DEVICES, 5_000);
  const isBack = (await within(fleetConnected, 60_000)) !== Infinity;
  const reconnectMs = isBack ? performance.now() - faultAt : Infinity;
  const presenceMs = await within(presenceAgrees, 30_000);
  faults.push({ name, reconnectMs, presenceMs });
  console.log(`${name}: fleet back in ${seconds(reconnectMs)}, presence agreed ${seconds(presenceMs)} later`);
}

const isReady = () =>
  fetch(`${portal.baseUrl}/api/health/ready`).then(
    (response) => response.ok,
    () => false,
  );
const killBroker = async () => {
  // A broker still restarting from the last fault has a stale pid file: wait until the hub says it is ready.
  await within(isReady, 60_000);
  const pid = Number(readFileSync(`${hubDir}/mosquitto.pid`, "utf8"));
  const faultAt = performance.now();
  process.kill(pid, "SIGKILL");
  isRestarting = true;
  await afterFault("broker kill -9", faultAt, false);
  isRestarting = false;
};

const startedAt = performance.now();
const at = (share: number) => sleep(Math.max(0, startedAt + share * SECONDS * 1000 - performance.now()));
const memory = watchMemory({
  portal: () => portal,
  brokerPid: () => Number(readFileSync(`${hubDir}/mosquitto.pid`, "utf8")),
  fleetPid: child.pid!,
});
// Each portal process's growth runs from a reading after its warm-up (a tenth
// of the run; registrations and changes have run their code paths by then)
// to its last one, both right after a full GC.
await at(0.1);
await memory.settle();
await at(0.2);
await killBroker();
await at(0.45);
await killBroker();
await at(0.7);
await memory.settle();
isRestarting = true;
const restartAt = performance.now();
// Watched from the SIGTERM on, while the new portal starts: the fleet may be back before it says it is ready.
const restarted = afterFault("portal restart (SIGTERM, start)", restartAt, false);
await portal.stop();
const stoppedMs = performance.now() - restartAt;
portal = await startInspectablePortal(samePorts);
const brokerLine = await portal.waitForOutput("mosquitto ready");
console.log(
  `portal restart: old one stopped in ${seconds(stoppedMs)}, new one ready ${seconds(performance.now() - restartAt)} after the SIGTERM (${/mosquitto ready in \d+ ms/.exec(brokerLine)?.[0]})`,
);
await restarted;
isRestarting = false;
await at(0.8);
await sleep(Math.max(0, restartAt + 15_000 - performance.now()));
await memory.settle();
await at(1);
await memory.settle();
memory.stop();
isRegistering = false;
await registrations;
await revocations.stop();

// Every 201: stored with its id, and admitted with its current key (refused if disabled).
const storedIds = new Set<string>();
for (let start = 0; start < created.length; start += 500) {
  const ids = created.slice(start, start + 500).map((device) => device.id);
  for (const row of await db.device.findMany({ where: { id: { in: ids } }, select: { id: true } }))
    storedIds.add(row.id);
}
let admitted = 0;
let disabledRefused = 0;
const notAsExpected: string[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < created.length) {
      const device = created[next++]!;
      if (device.isUncertain) continue;
      const { client, reasonCode } = await connectDevice(mqttUrl, device.id, device.key);
      if (device.isDisabled && reasonCode === 135) disabledRefused++;
      else if (!device.isDisabled && reasonCode === 0) admitted++;
      else notAsExpected.push(`${device.id}${device.isDisabled ? " (disabled)" : ""}: CONNACK ${reasonCode}`);
      client?.end(true);
    }
  }),
);
child.kill("SIGTERM");
await portal.stop();

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
// A portal process's first tenth of the run (at least 15 s) is its warm-up.
const growth = memory.portalGrowth();
console.log(
  `\nsoak under faults: ${SECONDS} s, ${DEVICES} devices reporting every ${REPORT_MS / 1000} s, ${REGISTRATIONS_PER_S} registrations/s (loopback, 2 cores shared)`,
);
console.log(`| figure | value | target |\n| --- | --- | --- |`);
for (const fault of faults)
  console.log(
    `| ${fault.name}: fleet reconnected / presence agreed after | ${seconds(fault.reconnectMs)} / ${seconds(fault.presenceMs)} | ≤ 10 s / ≤ 5 s |`,
  );
console.log(`| registrations answered | ${[...statuses].map(([k, v]) => `${v}× ${k}`).join(", ")} | |`);
const certain = created.filter((device) => !device.isUncertain);
const disabledCount = certain.filter((device) => device.isDisabled).length;
console.log(
  `| 201s stored / admitted with their current key / disabled ones refused | ${storedIds.size} of ${created.length} / ${admitted} of ${certain.length - disabledCount} / ${disabledRefused} of ${disabledCount} | all |`,
);
for (const line of notAsExpected.slice(0, 10)) console.log(`  ${line}`);
console.log(
  `| devices left out of that check: a change sent with no answer (portal restarting) | ${created.length - certain.length} | |`,
);
console.log(
  `| rotations and disables answered | ${[...revocations.statuses].map(([k, v]) => `${v}× ${k}`).join(", ")} | ${CHANGES_PER_S}/s |`,
);
const { attempts, violations } = revocations;
console.log(
  `| old keys admitted after the answer (attempts: refused, unreachable, on ${revocations.revoked.length} keys) | ${violations.length} (${attempts.total}: ${attempts.refused}, ${attempts.unreachable}) | 0 |`,
);
for (const violation of violations.slice(0, 10)) console.log(`  ${violation}`);
console.log(`| fleet connects refused with valid keys | ${fleetState.refused} | 0 |`);
const all5xx = [...unexpected5xx, ...revocations.unexpected5xx];
console.log(`| unexpected 5xx | ${all5xx.length} | 0 |`);
for (const answer of all5xx.slice(0, 10)) console.log(`  ${answer}`);
for (const [i, { from, to, growth: bytes }] of growth.entries())
  console.log(
    `| portal process ${i + 1}: RSS growth after warm-up, readings after a full GC (RSS, JS heap in use) | ${mb(bytes)} (${mb(from?.portal ?? NaN)} → ${mb(to?.portal ?? NaN)}; heap ${mb(from?.heap ?? NaN)} → ${mb(to?.heap ?? NaN)}; over ${seconds((to?.at ?? 0) - (from?.at ?? 0))}) | < 100 MB |`,
  );
console.log(
  `| peak RSS of the broker / the fleet's process / this process | ${mb(memory.peak("broker"))} / ${mb(memory.peak("fleet"))} / ${mb(memory.peak("bench"))} | |`,
);
console.log(`| telemetry acked / failed by the fleet | ${fleetState.acked} / ${fleetState.failed} | |`);
const failed =
  faults.some((fault) => fault.reconnectMs > 10_000 || fault.presenceMs > 5_000) ||
  storedIds.size !== created.length ||
  admitted !== certain.length - disabledCount ||
  disabledRefused !== disabledCount ||
  violations.length > 0 ||
  fleetState.refused > 0 ||
  all5xx.length > 0 ||
  growth.some(({ growth: bytes }) => !(bytes < 100 * 1024 * 1024));
if (failed) {
  console.error("FAILED: a target above was missed");
  process.exit(1);
}
process.exit(0);
