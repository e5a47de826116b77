// Admitting 1,000 devices, one call per device (as registrations arrive, 250/s
// offered), while 10,000 already exist. Latency runs from the admission call
// until the device's own MQTT connect succeeds. The device rows are written
// beforehand: inserting them is the registration's cost, benchmarked with the
// Register Device API. Devices run in a child process (bench/device-fleet.ts);
// one of them publishes QoS 1 throughout and records its PUBACK stalls.
// Targets: >= 200 admissions/s, p95 <= 250 ms to connectable, no stall > 300 ms.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { makeDevice, startTestHub } from "../test/support/hub";
import { modelWithDevices, ms, percentile } from "./support";
import { target } from "./targets";

const EXISTING = 10_000;
const ADMISSIONS = 1_000;
const OFFERED_PER_SECOND = 250;

const modelId = await modelWithDevices(EXISTING);
// BENCH_PLUGIN=off measures without the broker plugin (the devices' history), to compare.
const usePlugin = process.env.BENCH_PLUGIN !== "off";
const { hub, url } = await startTestHub({ usePlugin });
const watcher = await makeDevice(modelId);
await hub.syncDevices([watcher.id]);
const devices = [];
for (let i = 0; i < ADMISSIONS; i++) devices.push(await makeDevice(modelId));

const fleet = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "bench/device-fleet.ts", url], {
  stdio: ["pipe", "pipe", "inherit"],
});
const replies = new Map<string, (message: Record<string, unknown>) => void>();
createInterface({ input: fleet.stdout }).on("line", (line) => {
  const message = JSON.parse(line) as Record<string, unknown>;
  const key = "connected" in message ? `c${String(message.connected)}` : Object.keys(message)[0]!;
  replies.get(key)?.(message);
});
const ask = (key: string, message: unknown) =>
  new Promise<Record<string, unknown>>((resolve) => {
    replies.set(key, resolve);
    fleet.stdin.write(JSON.stringify(message) + "\n");
  });

await ask("watching", { watch: { id: watcher.id, key: watcher.accessKey } });
await new Promise((r) => setTimeout(r, 500));

const latencies: number[] = [];
const startedAt = performance.now();
await Promise.all(
  devices.map(async (device, n) => {
    await new Promise((r) => setTimeout(r, (n * 1000) / OFFERED_PER_SECOND));
    const t0 = performance.timeOrigin + performance.now();
    await hub.syncDevices([device.id]);
    const reply = await ask(`c${n}`, { connect: { id: device.id, key: device.accessKey, n } });
    if (reply.reasonCode !== 0) throw new Error(`admitted device refused with ${String(reply.reasonCode)}`);
    latencies.push((reply.at as number) - t0);
  }),
);
const elapsed = (performance.now() - startedAt) / 1000;
const { stalls } = (await ask("stalls", { stop: true })) as { stalls: number[] };
await hub.stop();

console.log(
  `\nhub admissions: ${ADMISSIONS} devices, one call each, offered at ${OFFERED_PER_SECOND}/s; ${EXISTING.toLocaleString("en-US")} existing; ${usePlugin ? "with" : "without"} the broker plugin`,
);
console.log(`  throughput           ${(ADMISSIONS / elapsed).toFixed(0)} devices/s (${elapsed.toFixed(2)} s)`);
console.log(
  `  to connectable       p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`,
);
console.log(
  `  watcher PUBACK       p50 ${ms(percentile(stalls, 50))}, p99 ${ms(percentile(stalls, 99))}, max ${ms(Math.max(...stalls))} over ${stalls.length} publishes`,
);
target("admissions", ADMISSIONS / elapsed, { atLeast: 200 }, "/s");
target("admission to connectable p95", percentile(latencies, 95), { atMost: 250 }, "ms");
target("longest stall of another device's PUBACK", Math.max(...stalls), { atMost: 300 }, "ms");
process.exit();
