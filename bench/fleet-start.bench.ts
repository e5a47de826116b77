// Portal start-up with the kept fleet (1,000,000 devices on PostgreSQL,
// 100,000 on SQLite; bench/kept-fleet.ts): from spawning the production
// portal to "ready", and to its auth hooks holding every admitted device in
// memory (HUB_MODE=emqx reads them at start, page by page, in the
// background), with the portal's resident memory before and after that read.
// Target: <= 10 s at 1M, auth cache included; the memory is reported.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { onPostgres } from "@/lib/server/database/db-dialect";
import { keptFleet } from "./kept-fleet";
import { startPortal } from "./support";
import { target } from "./targets";

const DEVICES = Number(process.env.BENCH_FLEET ?? (onPostgres() ? 1_000_000 : 100_000));
await keptFleet({ devices: DEVICES, models: 50 });

const t0 = performance.now();
const portal = await startPortal({
  HUB_MODE: "emqx",
  HUB_AUTH_SECRET: randomBytes(32).toString("base64url"),
  MQTT_EXTERNAL_URL: "mqtt://127.0.0.1:1",
});
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${portal.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const readyMs = performance.now() - t0;
const readyRss = rssMb();
const filled = await portal.waitForOutput("auth cache holds");
const filledMs = performance.now() - t0;
const filledRss = rssMb();
const held = Number(/holds (\d+)/.exec(filled)?.[1] ?? 0);
console.log(`\nPortal start-up, ${DEVICES.toLocaleString("en-US")} devices in the database (HUB_MODE=emqx):`);
console.log(`  spawn to ready            ${(readyMs / 1000).toFixed(1)} s, RSS ${readyRss.toFixed(0)} MB`);
console.log(
  `  spawn to auth cache full  ${(filledMs / 1000).toFixed(1)} s, ${held.toLocaleString("en-US")} admitted devices held, RSS ${filledRss.toFixed(0)} MB (+${(filledRss - readyRss).toFixed(0)} MB)`,
);
target("spawn to auth cache full", filledMs / 1000, { atMost: 10 }, "s");
await portal.stop();
process.exit();
