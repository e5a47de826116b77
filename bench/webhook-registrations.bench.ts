// Registrations at 200/s with and without a webhook endpoint subscribed: the
// production portal with its embedded hub and webhook worker, one partner
// without webhooks and one whose endpoint (a node:http receiver in this
// process, on loopback) subscribes to device.registered. Each phase sends
// 200 registrations/s for 20 s (open loop: a request every 5 ms, at most 64
// in flight). Reported: achieved registrations/s and latency per phase, every
// registered device's event received once with a valid signature, and the
// delivery lag (the 201's arrival at the client to the event's arrival at the
// receiver). Targets: all delivered, throughput within 10% of the phase
// without webhooks, lag p95 <= 2 s.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { createWebhookEndpoint } from "@/lib/server/data/webhooks/create-webhook-endpoint";
import { verifyWebhook } from "@/lib/webhooks/signature";
import { ms, modelWithDevices, percentile, postJson, startPortal } from "./support";
import { target } from "./targets";

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const MAX_IN_FLIGHT = 64;
const SECRET = "whsec_bench_0123456789abcdef";

async function keyFor(modelId: string) {
  const model = await db.deviceModel.findUniqueOrThrow({ where: { id: modelId }, select: { partnerId: true } });
  const owner = await db.member.findFirstOrThrow({
    where: { organizationId: model.partnerId },
    select: { userId: true },
  });
  const actor = { userId: owner.userId, label: "bench" };
  const key = await createHardwareKey({
    partnerId: model.partnerId,
    actor,
    input: { modelId, label: "bench", expectedDevices: null },
  });
  return { partnerId: model.partnerId, actor, secret: key.secret };
}

// The receiver: records when each device's event arrived, and whether it verified.
const arrivals = new Map<string, number>();
let duplicates = 0;
let badSignatures = 0;
const receiver = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    const at = performance.now();
    const isValid = verifyWebhook({
      secret: SECRET,
      body,
      timestamp: req.headers["x-partner-hub-timestamp"] as string,
      signature: req.headers["x-partner-hub-signature"] as string,
    });
    if (!isValid) badSignatures++;
    const id = (JSON.parse(body) as { data: { device: { id: string } } }).data.device.id;
    if (arrivals.has(id)) duplicates++;
    else arrivals.set(id, at);
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

const plain = await keyFor(await modelWithDevices(1_000));
const hooked = await keyFor(await modelWithDevices(1_000));
await createWebhookEndpoint({
  partnerId: hooked.partnerId,
  actor: hooked.actor,
  input: { url: receiverUrl, events: ["device.registered"], secret: SECRET },
});

const portal = await startPortal();
const url = `${portal.baseUrl}/v1/devices`;

async function phase(hardwareKey: string, label: string) {
  const answered = new Map<string, number>();
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  let skipped = 0;
  let serial = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < RATE * SECONDS; n++) {
    const due = started + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped++;
      continue;
    }
    inFlight++;
    const t0 = performance.now();
    const body = { sn: `${label}-${serial++}`, firmware_version: "1.0.0", hardware_key: hardwareKey };
    pending.push(
      postJson<{ id: string }>(url, body)
        .then(({ status, json }) => {
          const at = performance.now();
          latencies.push(at - t0);
          if (status === 201) answered.set(json.id, at);
          else errors++;
        })
        .catch(() => void errors++)
        .finally(() => void inFlight--),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const rate = answered.size / elapsed;
  console.log(
    `  ${label.padEnd(26)} ${rate.toFixed(0)} registrations/s (${answered.size} in ${elapsed.toFixed(1)} s; ${errors} errors, ${skipped} not sent: ${MAX_IN_FLIGHT} in flight)  latency p50 ${ms(percentile(latencies, 50))} p95 ${ms(percentile(latencies, 95))} p99 ${ms(percentile(latencies, 99))}`,
  );
  return { rate, answered };
}

console.log(
  `\nRegistrations at ${RATE}/s for ${SECONDS} s, with and without a webhook subscribed (${process.env.DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"}; node:http load generator and receiver on the same 2 cores):`,
);
const without = await phase(plain.secret, "without webhooks");
const withHooks = await phase(hooked.secret, "with a webhook endpoint");
// Every event should arrive; give the worker up to 30 s to finish.
const waitUntil = performance.now() + 30_000;
while (performance.now() < waitUntil && [...withHooks.answered.keys()].some((id) => !arrivals.has(id))) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const lags = [...withHooks.answered].filter(([id]) => arrivals.has(id)).map(([id, at]) => arrivals.get(id)! - at);
const delivered = lags.length;
const ratio = withHooks.rate / without.rate;
const lagP95 = percentile(lags, 95);
console.log(
  `  delivered                  ${delivered}/${withHooks.answered.size} events (${duplicates} duplicates, ${badSignatures} bad signatures)`,
);
console.log(`  throughput ratio           ${(ratio * 100).toFixed(1)}% of the phase without webhooks`);
console.log(
  `  delivery lag               p50 ${ms(percentile(lags, 50))} p95 ${ms(lagP95)} max ${ms(Math.max(...lags))}`,
);
await portal.stop();
receiver.close();
target("events not delivered", withHooks.answered.size - delivered, { atMost: 0 }, "events");
target("duplicate or badly signed deliveries", duplicates + badSignatures, { atMost: 0 }, "deliveries");
target("registrations with webhooks, of without", ratio * 100, { atLeast: 90 }, "%");
target("delivery lag p95", lagP95, { atMost: 2_000 }, "ms");
process.exit();
