// Firmware downloads as a fleet makes them: DOWNLOADERS devices (200) fetch
// one FIRMWARE_MB file (64 MB) at once through the production portal, each
// with its own access key, its link dropping halfway (the first request is
// cut off after half the file) and resuming with a Range from the byte it
// got to. The same downloads, in the same run, from a bare node:http file
// server in a process of its own (fs streams and Range, nothing else) are
// the floor.
// Targets: throughput >= 0.5x the bare file server's; the portal's memory
// (RSS) grows by at most 100 MB while it serves them.
import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { Agent, request, type IncomingMessage } from "node:http";
import path from "node:path";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { createFirmwareFile } from "@/lib/server/data/firmware/create-firmware-file";
import { hashSecret } from "@/lib/server/secrets";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";
import { freePort } from "../test/support/free-port";
import { makeModel, makePartner } from "../test/support/partners";
import { rssMb, startPortal } from "./support";
import { target } from "./targets";

const DOWNLOADERS = Number(process.env.BENCH_DOWNLOADERS ?? 200);
const FIRMWARE_MB = Number(process.env.BENCH_FIRMWARE_MB ?? 64);
const SIZE = FIRMWARE_MB * 1024 * 1024;
const firmwareDir = `.tmp/bench-firmware-${Date.now()}`;
process.env.FIRMWARE_DIR = firmwareDir;

// The file, stored as an upload leaves it, and devices of its model whose keys are known here.
await prepareDatabase();
const partner = await makePartner("Downloads bench");
const modelId = await makeModel(partner, { protocol: "HTTP" });
const fileId = `fw_bench_${Date.now()}`;
const bytes = randomBytes(SIZE);
const sha256 = createHash("sha256").update(bytes).digest("hex");
await mkdir(firmwareDir, { recursive: true });
await writeFile(path.join(firmwareDir, fileId), bytes);
await createFirmwareFile({
  ...partner,
  modelId,
  id: fileId,
  sha256,
  size: SIZE,
  input: firmwareUploadSchema.parse({ name: "Bench image", version: "1.0.0" }),
});
const hubHash = brokerPasswordHash("unused");
const devices = Array.from({ length: DOWNLOADERS }, (_, i) => ({
  id: randomUUID(),
  key: `bench-download-key-${i}-${randomUUID()}`,
}));
await db.device.createMany({
  data: devices.map((device, i) => ({
    id: device.id,
    partnerId: partner.partnerId,
    modelId,
    sn: `DL-${i}`,
    firmwareVersion: "0.9.0",
    accessKeyHash: hashSecret(device.key),
    hubPasswordHash: hubHash,
  })),
});

const agent = new Agent({ keepAlive: true, maxSockets: DOWNLOADERS * 2 });

/** GETs `url` with `headers`; counts the body's bytes, stopping after `stopAfter` (the dropped link). */
function get(
  url: string,
  headers: Record<string, string>,
  stopAfter = Infinity,
): Promise<{ status: number; got: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res: IncomingMessage) => {
      let got = 0;
      res.on("data", (chunk: Buffer) => {
        got += chunk.length;
        if (got >= stopAfter) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, got });
        }
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, got }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, got }));
    });
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

/** Every device downloads the file at once: half, the link drops, the rest by Range. MB/s over all of them. */
async function downloadAll(urlOf: (deviceId: string) => string, keyed: boolean): Promise<number> {
  const started = performance.now();
  await Promise.all(
    devices.map(async (device) => {
      const auth: Record<string, string> = keyed ? { authorization: device.key } : {};
      const first = await get(urlOf(device.id), auth, SIZE / 2);
      if (first.status !== 200) throw new Error(`download answered ${first.status}`);
      const rest = await get(urlOf(device.id), { ...auth, range: `bytes=${first.got}-` });
      if (rest.status !== 206 || first.got + rest.got !== SIZE) {
        throw new Error(`resume answered ${rest.status} with ${rest.got} bytes after ${first.got} of ${SIZE}`);
      }
    }),
  );
  return (DOWNLOADERS * SIZE) / 1024 / 1024 / ((performance.now() - started) / 1000);
}

const FILE_SERVER = `
const { createServer } = require("node:http");
const { createReadStream, statSync } = require("node:fs");
const file = process.env.FILE;
const size = statSync(file).size;
createServer((req, res) => {
  const match = /^bytes=(\\d+)-$/.exec(req.headers.range || "");
  const start = match ? Number(match[1]) : 0;
  res.writeHead(match ? 206 : 200, { "content-type": "application/octet-stream", "content-length": size - start,
    ...(match ? { "content-range": "bytes " + start + "-" + (size - 1) + "/" + size } : {}) });
  createReadStream(file, { start }).pipe(res);
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
`;

/** The bare file server's MB/s for the same downloads. */
async function measureFloor(): Promise<number> {
  const port = await freePort();
  const server = spawn(process.execPath, ["-e", FILE_SERVER], {
    env: { ...process.env, PORT: String(port), FILE: path.join(firmwareDir, fileId) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise((resolve) => server.stdout.once("data", resolve));
    return await downloadAll(() => `http://127.0.0.1:${port}/file`, false);
  } finally {
    server.kill("SIGTERM");
  }
}

// Measured before and after the portal, the better of the two kept: the
// machine's own drift between runs must not pass for the portal's speed.
const floorBefore = await measureFloor();

const portal = await startPortal({ FIRMWARE_DIR: firmwareDir });
const rss = () => rssMb(portal.pid);
const urlOf = (deviceId: string) => `${portal.baseUrl}/v1/devices/${deviceId}/files/${fileId}/download`;
// Warm-up: the route compiled and its modules loaded, as in a portal that has served a while.
await get(urlOf(devices[0]!.id), { authorization: devices[0]!.key });
const before = rss();
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 100);
const portalRate = await downloadAll(urlOf, true);
clearInterval(sampler);
await portal.stop();
const floor = Math.max(floorBefore, await measureFloor());

console.log(
  `\n${DOWNLOADERS} devices downloading a ${FIRMWARE_MB} MB file at once, each dropped halfway and resumed by Range`,
);
console.log(`  bare node:http file server  ${floor.toFixed(0)} MB/s`);
console.log(`  the portal                  ${portalRate.toFixed(0)} MB/s (${(portalRate / floor).toFixed(2)}x)`);
console.log(`  portal RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at most while serving`);
target("firmware downloads, of the bare file server", portalRate / floor, { atLeast: 0.5 }, "x");
target("portal memory growth while serving them", peak - before, { atMost: 100 }, "MB");
process.exit();
