import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmdirSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { freePort } from "./free-port";

// The portal as `npm start` runs it (production build, `node --import tsx
// server.ts`), in a process of its own, for tests that stop, kill or start
// it again, or run two of them.

export type PortalProcess = {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
};

/** Starts a portal with the test's environment plus `env`; resolves when it says it is ready. */
export async function startPortalProcess(env: Record<string, string>): Promise<PortalProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: url,
      // Never the developer's own data/firmware: the portal's housekeeping sweeps files its database does not name.
      FIRMWARE_DIR: `.tmp/portal-${port}-${Date.now()}.firmware`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const append = (chunk: Buffer) => (text += chunk.toString());
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => text.includes("ready on") && resolve());
    child.once("exit", (code, signal) => reject(new Error(`portal exited with ${code ?? signal}:\n${text}`)));
  });
  return { url, child, output: () => text, exited };
}

// A lock held while building: two test processes (the SQLite and the
// PostgreSQL run) may both find the build stale at the same moment.
const BUILD_LOCK = ".tmp/build.lock";
const STALE_LOCK_MS = 30 * 60_000;

/**
 * Builds the portal (`next build`) unless the last build is newer than its
 * sources (scripts/build-if-stale.mjs): on CI and after `scripts/setup.sh`
 * it is, and this costs a directory walk.
 */
export async function ensureProductionBuild(): Promise<void> {
  mkdirSync(".tmp", { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // Held by the other run, or left by one that was killed.
      const age = Date.now() - (statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmdirSync(BUILD_LOCK);
      else await sleep(1_000);
    }
  }
  try {
    await promisify(execFile)(process.execPath, ["scripts/build-if-stale.mjs"], { maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}
