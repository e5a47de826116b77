// Hub start with 100,000 devices in the database (BENCH_FLEET sets the
// number): from start() to the broker accepting the portal's own connection
// (reconcile, files, spawn, probe), the password file's size, and a full
// reconcile (read, write, SIGHUP, confirmed), which is what each reload costs
// the broker's single thread as the fleet grows.
import { statSync } from "node:fs";
import path from "node:path";
import { connectDevice, makeDevice, startTestHub } from "../test/support/hub";
import { modelWithDevices, ms } from "./support";

const DEVICES = Number(process.env.BENCH_FLEET ?? 100_000);
const modelId = await modelWithDevices(DEVICES - 1);
const last = await makeDevice(modelId);
const t0 = performance.now();
const { hub, url, dir } = await startTestHub();
const startMs = performance.now() - t0;
const { client, reasonCode } = await connectDevice(url, last.id, last.accessKey);
client?.end(true);
const t1 = performance.now();
await hub.reconcile();
const reconcileMs = performance.now() - t1;
await hub.stop();
console.log(`\nhub start with ${DEVICES.toLocaleString("en-US")} devices`);
console.log(`  start to ready       ${ms(startMs)} (a device then connects: reason ${reasonCode})`);
console.log(`  full reconcile       ${ms(reconcileMs)} (database read, file write, SIGHUP, confirmed)`);
console.log(`  password file        ${(statSync(path.join(dir, "passwords")).size / 1e6).toFixed(1)} MB`);
process.exit(0);
