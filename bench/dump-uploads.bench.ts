// Device dumps under load: DEVICES devices each upload a DUMP_MB log at once
// (POST /v1/devices/{id}/dumps/text%2Fplain/agent.log), streamed in 64 KiB
// chunks, against the production portal on loopback. The portal must stream
// them to the store, not hold them: target its memory growth (peak RSS
// during the uploads less RSS before) <= 100 MB, and every dump stored whole.
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { hashSecret } from "@/lib/server/secrets";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { makeModel, makePartner } from "../test/support/partners";
import { rssMb, startPortal } from "./support";
import { target } from "./targets";

const DEVICES = Number(process.env.BENCH_DEVICES ?? 50);
const DUMP_MB = Number(process.env.BENCH_DUMP_MB ?? 5);
const CHUNK = 64 * 1024;
const size = DUMP_MB * 1024 * 1024;

await prepareDatabase();
const partner = await makePartner("Dump bench");
const modelId = await makeModel(partner, { protocol: "HTTP" });
const devices = Array.from({ length: DEVICES }, (_, i) => ({ id: randomUUID(), key: `dump-key-${i}-${randomUUID()}` }));
await db.device.createMany({
  data: devices.map((device, i) => ({
    id: device.id,
    partnerId: partner.partnerId,
    modelId,
    sn: `DUMP-${i}`,
    firmwareVersion: "1.0.0",
    accessKeyHash: hashSecret(device.key),
    hubPasswordHash: brokerPasswordHash("unused"),
  })),
});

const portal = await startPortal({ DUMP_MAX_MB: String(DUMP_MB * 2), DUMP_DEVICE_MAX_MB: String(DUMP_MB * 2) });
const chunk = Buffer.alloc(CHUNK, "log line\n");

/** One device's upload, written chunk by chunk as a device on a link would send it. */
function upload(device: { id: string; key: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${portal.baseUrl}/v1/devices/${device.id}/dumps/text%2Fplain/agent.log`,
      {
        method: "POST",
        headers: { authorization: device.key, "content-type": "application/octet-stream", "content-length": size },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    let written = 0;
    const writeMore = () => {
      while (written < size) {
        const part = chunk.subarray(0, Math.min(CHUNK, size - written));
        written += part.length;
        if (!req.write(part)) return void req.once("drain", writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

// Settled before measuring: the first requests load the route's code.
await new Promise((resolve) => setTimeout(resolve, 2_000));
const before = rssMb(portal.pid);
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, rssMb(portal.pid))), 50);
const started = performance.now();
const statuses = await Promise.all(devices.map(upload));
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const stored = await db.deviceDump.findMany({ where: { deviceId: { in: devices.map((device) => device.id) } } });
await portal.stop();

const whole = stored.filter((dump) => dump.size === size).length;
console.log(`\nDump uploads, ${DEVICES} devices x ${DUMP_MB} MB at once: ${seconds.toFixed(1)} s`);
console.log(
  `  answers: ${statuses.filter((status) => status === 200).length} x 200, others ${JSON.stringify(statuses.filter((status) => status !== 200))}`,
);
target("dumps not stored whole", DEVICES - whole, { atMost: 0 }, "dumps");
console.log(`  portal RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`);
target("memory growth during the uploads", peak - before, { atMost: 100 }, "MB");
process.exit();
