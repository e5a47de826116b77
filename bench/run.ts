// npm run bench (tsx bench/run.ts): runs every benchmark against a throw-away database and real
// brokers on 127.0.0.1 only. Figures go to stdout; nothing here is a test.
//   npm run bench                        all, on SQLite; then the million-device
//                                        fleet, registration and the auth hooks
//                                        on PostgreSQL
//   npm run bench -- bench/x.bench.ts    one, on SQLite
//   BENCH_DATABASE=postgres npm run bench -- bench/x.bench.ts   one, on PostgreSQL
//   npm run bench -- bench/soak.bench.ts  the soak under faults (10 minutes; BENCH_SOAK_* to bound it), on demand only
// PostgreSQL is the server at TEST_POSTGRES_URL, as for the tests.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { migrateDeploy } from "../lib/database/migrate-deploy";
import { onPostgresServer, postgresDatabaseUrl } from "../test/support/postgres-server";
import { printResults, writeResultsDocs } from "./results";
import type { TargetResult } from "./targets";

mkdirSync(".tmp", { recursive: true });
const run = Date.now();
const secrets = {
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  KEY_HASH_SECRET: randomBytes(32).toString("base64url"),
};
// Every benchmark appends its compared figures here (bench/targets.ts).
const resultsFile = `.tmp/bench-results-${run}.jsonl`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  BENCH_RESULTS: resultsFile,
  NODE_ENV: "production" as const,
  // The webhook benchmark's receiver listens on loopback.
  WEBHOOK_ALLOW_PRIVATE_URLS: "true",
  ...secrets,
};

// Benchmarks of the large fleet seed it once and reuse it (a million devices
// take minutes): they get a database that is kept between runs, .tmp/fleet.db
// or partner_hub_fleet on the PostgreSQL server. scripts/with-test-postgres.ts
// makes a new server per run unless TEST_POSTGRES_URL names one of your own.
// BENCH_KEPT_FLEET=<size> sends the registration benchmark there too.
const isKept = (bench: string) =>
  ["bench/devices-page.bench.ts", "bench/fleet-start.bench.ts"].includes(bench) ||
  (bench === "bench/registration.bench.ts" && Boolean(env.BENCH_KEPT_FLEET));

// A benchmark that fails, or misses a target (it then exits non-zero), is
// named at the end; the others still run, so one noisy figure does not hide
// the rest. Each benchmark goes on to its other figures after a miss.
const failed: string[] = [];
async function runBench(engine: "sqlite" | "postgres", bench: string, url: string) {
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", bench], {
    env: { ...env, DATABASE_URL: url },
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  if (code !== 0) failed.push(`${bench} (${engine}, failed or missed a target)`);
}

async function runOnKeptFleet(engine: "sqlite" | "postgres", bench: string) {
  const name = "partner_hub_fleet";
  const url = engine === "postgres" ? postgresDatabaseUrl(name) : "file:.tmp/fleet.db";
  if (engine === "postgres") await onPostgresServer(`CREATE DATABASE "${name}"`).catch(() => undefined);
  await migrateDeploy({ ...env, DATABASE_URL: url });
  console.log(`\n[${engine === "postgres" ? "PostgreSQL" : "SQLite"}, kept fleet database] ${bench}`);
  await runBench(engine, bench, url);
}

/** Runs the benchmarks on a fresh, migrated database of the given engine, then removes it. */
async function runOn(engine: "sqlite" | "postgres", allBenches: string[]) {
  for (const bench of allBenches.filter(isKept)) await runOnKeptFleet(engine, bench);
  const benches = allBenches.filter((bench) => !isKept(bench));
  if (benches.length === 0) return;
  const name = `partner_hub_bench_${run}`;
  const file = `.tmp/bench-${run}.db`;
  const url = engine === "postgres" ? postgresDatabaseUrl(name) : `file:${file}`;
  if (engine === "postgres") await onPostgresServer(`CREATE DATABASE "${name}"`);
  try {
    await migrateDeploy({ ...env, DATABASE_URL: url });
    for (const bench of benches) {
      console.log(`\n[${engine === "postgres" ? "PostgreSQL" : "SQLite"}] ${bench}`);
      await runBench(engine, bench, url);
    }
  } finally {
    if (engine === "postgres") await onPostgresServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    else for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
}

// The registration benchmark runs the production portal.
if (!existsSync(".next/BUILD_ID"))
  execFileSync("npm", ["run", "build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
const chosen = process.argv.slice(2);
if (chosen.length > 0) {
  await runOn(process.env.BENCH_DATABASE === "postgres" ? "postgres" : "sqlite", chosen);
} else {
  await runOn("sqlite", [
    "bench/hub-admissions.bench.ts",
    "bench/hub-connect.bench.ts",
    "bench/hub-start.bench.ts",
    "bench/health.bench.ts",
    "bench/registration.bench.ts",
    "bench/live-check.bench.ts",
    "bench/devices-page.bench.ts",
    "bench/fleet-start.bench.ts",
    "bench/hub-auth.bench.ts",
    "bench/conversation-ingest.bench.ts",
    "bench/command-roundtrip.bench.ts",
    "bench/telemetry-chart.bench.ts",
    "bench/management-api.bench.ts",
    "bench/webhook-registrations.bench.ts",
    "bench/device-history.bench.ts",
    "bench/firmware-downloads.bench.ts",
    "bench/mass-telemetry.bench.ts",
    "bench/dump-uploads.bench.ts",
    "bench/telemetry-history.bench.ts",
    "bench/telemetry-answer.bench.ts",
    "bench/rollout-pace.bench.ts",
  ]);
  // Registration with the million devices existing.
  env.BENCH_KEPT_FLEET ??= "1000000";
  await runOn("postgres", [
    // The million-device fleet: seeded once (minutes) if the server is kept.
    "bench/devices-page.bench.ts",
    "bench/fleet-start.bench.ts",
    "bench/registration.bench.ts",
    "bench/hub-auth.bench.ts",
    "bench/conversation-ingest.bench.ts",
    "bench/telemetry-chart.bench.ts",
    "bench/webhook-registrations.bench.ts",
    "bench/mass-telemetry.bench.ts",
    "bench/telemetry-answer.bench.ts",
    "bench/rollout-pace.bench.ts",
  ]);
}
const results: TargetResult[] = existsSync(resultsFile)
  ? readFileSync(resultsFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TargetResult)
  : [];
printResults(results);
// Only a whole run is the project's record; one benchmark run on demand is not.
if (chosen.length === 0) writeResultsDocs(results, failed);
if (failed.length > 0) {
  console.log(`\nMissed a target or failed: ${failed.join(", ")}`);
  process.exit(1);
}
