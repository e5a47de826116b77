// The devices' connection history under load, against the production portal
// on loopback (load from a child process, bench/connect-storm.ts):
//  1. 200 device connects/s for 60 s; meanwhile a probe device connects every
//     2.5 s (its history keeps 60 events a minute one by one) and its page's
//     live data is read back to back: how long until its connect shows in its
//     history. Target: p95 <= 1 s.
//  2. 1,000 refused connects/s (ids that are no device, and real ids with a
//     wrong key) for 60 s; meanwhile the device page's data and the devices
//     page are read. Targets: page p95 <= 200 ms, database growth <= 10 MB.
// BENCH_SECONDS shortens both phases.
import { spawn } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { auth } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { connectDevice } from "../test/support/hub";
import { makeModel } from "../test/support/partners";
import { ms, percentile, postJson, startPortal } from "./support";
import { target } from "./targets";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const email = `history-${Date.now()}@example.test`;
const password = "bench-password-123";
const { user } = await auth.api.signUpEmail({ body: { name: "History bench", email, password } });
const partner = await createPartner({ name: "History Bench Devices", ownerUserId: user.id });
const actor = { userId: user.id, label: email };
const modelId = await makeModel({ partnerId: partner.id, actor }, { protocol: "MQTT" });
const hardwareKey = (
  await createHardwareKey({ partnerId: partner.id, actor, input: { modelId, label: "b", expectedDevices: null } })
).secret;

const portal = await startPortal();
const register = async (sn: string) => {
  const { json } = await postJson<{ id: string; access_key: string }>(`${portal.baseUrl}/v1/devices`, {
    sn,
    firmware_version: "1.0.0",
    hardware_key: hardwareKey,
  });
  return { id: json.id, key: json.access_key };
};
const good = await Promise.all(Array.from({ length: 50 }, (_, i) => register(`STORM-${i}`)));
const probe = await register("PROBE");
const signIn = await fetch(`${portal.baseUrl}/api/auth/sign-in/email`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: portal.baseUrl },
  body: JSON.stringify({ email, password }),
});
const cookie = signIn.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");
const read = async (path: string) => {
  const t0 = performance.now();
  const response = await fetch(`${portal.baseUrl}${path}`, { headers: { cookie } });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return { ms: performance.now() - t0, body };
};

function storm(goodPerSecond: number, refusedPerSecond: number) {
  const jobFile = `.tmp/storm-${Date.now()}.json`;
  writeFileSync(
    jobFile,
    JSON.stringify({ mqttPort: portal.mqttPort, good, goodPerSecond, refusedPerSecond, seconds: SECONDS }),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "bench/connect-storm.ts", jobFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<Record<string, number>>((resolve) =>
    child.once("exit", () => resolve(JSON.parse(output.trim() || "{}") as Record<string, number>)),
  );
}

type History = { history: { id: number; kind: string }[] };

// Phase 1: a probe's connects against 200 other connects a second.
const phase1 = storm(200, 0);
const visibleAfter: number[] = [];
const phase1Ends = performance.now() + SECONDS * 1000;
let lastSeenId = 0;
while (performance.now() < phase1Ends - 3_000) {
  const { client } = await connectDevice(`mqtt://127.0.0.1:${portal.mqttPort}`, probe.id, probe.key);
  const connectedAt = performance.now();
  for (;;) {
    const { body } = await read(`/api/devices/${probe.id}/conversation?range=hour`);
    const newest = (body as History).history.find((event) => event.kind === "mqtt.connected");
    if (newest && newest.id > lastSeenId) {
      lastSeenId = newest.id;
      visibleAfter.push(performance.now() - connectedAt);
      break;
    }
    if (performance.now() - connectedAt > 10_000) {
      visibleAfter.push(Infinity);
      break;
    }
  }
  await client!.endAsync();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 2_500 - (performance.now() - connectedAt))));
}
const storm1 = await phase1;
const probeEvents = await db.deviceEvent.findMany({
  where: { deviceId: probe.id },
  orderBy: { id: "asc" },
  select: { kind: true, at: true, detail: true },
});

// Phase 2: 1,000 refused connects a second; the pages meanwhile; the database's size.
const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
const dbBytes = () => [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
const isSqlite = (process.env.DATABASE_URL ?? "").startsWith("file:");
const sizeBefore = isSqlite ? dbBytes() : 0;
const phase2 = storm(0, 1_000);
const pageReads: number[] = [];
const listReads: number[] = [];
const phase2Ends = performance.now() + SECONDS * 1000;
while (performance.now() < phase2Ends) {
  pageReads.push((await read(`/api/devices/${good[0]!.id}/conversation?range=hour`)).ms);
  const t0 = performance.now();
  await (await fetch(`${portal.baseUrl}/devices`, { headers: { cookie } })).arrayBuffer();
  listReads.push(performance.now() - t0);
}
const storm2 = await phase2;
await new Promise((resolve) => setTimeout(resolve, 1_500));
const sizeAfter = isSqlite ? dbBytes() : 0;
await portal.stop();

const p95Visible = percentile(visibleAfter, 95);
const p95Page = Math.max(percentile(pageReads, 95), percentile(listReads, 95));
console.log(`\nDevice history under load (${SECONDS} s a phase):`);
console.log(
  `  1. ${storm1.accepted} connects accepted (${(storm1.accepted! / storm1.seconds!).toFixed(0)}/s); a probe's connect -> in its history on the page: p50 ${ms(percentile(visibleAfter, 50))}  p95 ${ms(p95Visible)} (${visibleAfter.length} connects)`,
);
target("connect -> in its history p95", p95Visible, { atMost: 1_000 }, "ms");
console.log(
  `     the probe's history: ${probeEvents.map((e) => `${e.kind.replace("mqtt.", "")}@${e.at.toISOString().slice(14, 23)}`).join(" ")}`,
);
console.log(
  `  2. ${storm2.refused} connects refused (${(storm2.refused! / storm2.seconds!).toFixed(0)}/s; other answers ${storm2.otherCodes}, errors ${storm2.errors}); meanwhile device page data p50 ${ms(percentile(pageReads, 50))} p95 ${ms(percentile(pageReads, 95))}, devices page p50 ${ms(percentile(listReads, 50))} p95 ${ms(percentile(listReads, 95))}`,
);
target("pages during a refusal storm p95", p95Page, { atMost: 200 }, "ms");
if (isSqlite) {
  const grewMb = (sizeAfter - sizeBefore) / 1024 / 1024;
  console.log(`     database grew ${grewMb.toFixed(2)} MB (file and WAL)`);
  target("database growth from refusals", grewMb, { atMost: 10 }, "MB");
}
process.exit();
