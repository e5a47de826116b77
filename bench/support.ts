import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { freePort } from "../test/support/free-port";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { onPostgres } from "@/lib/server/database/db-dialect";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { makeModel, makePartner } from "../test/support/partners";

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A process's resident memory now, in MB (Linux). */
export const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

// The load generators' HTTP client: node:http over kept-alive sockets, as
// firmware fleets behind a gateway and EMQX's HTTP connector pool do. Node's
// fetch costs far more CPU per request: on these 2 cores it alone caps a
// trivial server at ~2,500 requests/s, against ~18,000 with this client.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a JSON body; resolves with the status and the parsed JSON answer. */
export function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: T }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as T });
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: not JSON: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/**
 * Planner statistics for tables a benchmark has just filled, gathered before
 * it measures. Left to PostgreSQL's autovacuum, the analysis runs within the
 * next minute on the same cores, in whichever measured window it lands
 * (it cost the EMQX hook benchmark a third of its checks); SQLite keeps none
 * until ANALYZE runs.
 */
export async function analyzeFreshRows(tables: string[]): Promise<void> {
  const names = tables.map((table) => `"${table}"`);
  if (onPostgres()) await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${names.join(", ")}`);
  else for (const name of names) await db.$executeRawUnsafe(`ANALYZE ${name}`); // one table a statement
}

/** A model with `count` filler devices, inserted in bulk (they share one broker hash: only the count matters). */
export async function modelWithDevices(count: number, of?: Parameters<typeof makeModel>[0]): Promise<string> {
  await prepareDatabase();
  const partner = of ?? (await makePartner("Bench"));
  const modelId = await makeModel(partner);
  const hash = brokerPasswordHash("filler");
  for (let start = 0; start < count; start += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - start) }, (_, i) => ({
      id: randomUUID(),
      partnerId: partner.partnerId,
      modelId,
      sn: `FILL-${start + i}`,
      firmwareVersion: "1.0.0",
      accessKeyHash: randomBytes(32).toString("base64url"), // an HMAC's shape; no key matches it
      hubPasswordHash: hash,
    }));
    await db.device.createMany({ data: rows });
  }
  return modelId;
}

/**
 * The production portal (npm run build first) on free ports with its own hub
 * directory, limits raised for load. BENCH_PROFILE=1 writes a CPU profile to .tmp/prof.
 */
export async function startPortal(extraEnv: Record<string, string> = {}, options: { inspectPort?: number } = {}) {
  // Given ports and hub folder are kept (a restart of the same portal); otherwise free ones and a new folder.
  const port = Number(extraEnv.PORT ?? (await freePort()));
  const mqttPort = Number(extraEnv.MQTT_PORT ?? (await freePort()));
  const mqttTlsPort = Number(extraEnv.MQTT_TLS_PORT ?? (await freePort()));
  const hubDir = extraEnv.HUB_DATA_DIR ?? `.tmp/bench-hub-${Date.now()}`;
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir=.tmp/prof"] : [];
  // For measurements only (bench/soak-memory.ts forces a full GC through it); loopback.
  const inspect = options.inspectPort ? [`--inspect=127.0.0.1:${options.inspectPort}`] : [];
  // BENCH_NODE_FLAGS="--trace-gc": V8 flags for the portal alone, to see where its memory goes.
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const portal = spawn(process.execPath, [...profile, ...inspect, ...flags, "--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MQTT_HOST: "127.0.0.1",
      MQTT_PORT: String(mqttPort),
      MQTT_TLS_PORT: String(mqttTlsPort),
      HUB_DATA_DIR: hubDir,
      FIRMWARE_DIR: `${hubDir}.firmware`,
      DUMPS_DIR: `${hubDir}.dumps`,
      REGISTRATION_RATE_PER_IP: "100000000",
      REGISTRATION_RATE_PER_KEY: "100000000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Whatever ends the benchmark, the portal (and with it its broker) goes too.
  process.once("exit", () => portal.kill("SIGTERM"));
  let output = "";
  portal.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.BENCH_ECHO) process.stderr.write(chunk);
  });
  /** Resolves with the portal's first output line that contains `text`. */
  const waitForOutput = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = output.split("\n").find((candidate) => candidate.includes(text));
        if (line === undefined) return false;
        portal.stdout.off("data", check);
        resolve(line);
        return true;
      };
      if (!check()) portal.stdout.on("data", check);
      portal.once("exit", (code) => reject(new Error(`portal exited with ${code}; run npm run build first`)));
    });
  await waitForOutput("ready on");
  const stop = async () => {
    portal.kill("SIGTERM");
    await new Promise((resolve) => portal.once("exit", resolve));
  };
  return { port, mqttPort, hubDir, pid: portal.pid!, baseUrl: `http://127.0.0.1:${port}`, stop, waitForOutput };
}

/** GETs a path with headers; resolves with the status (the body is read and dropped). */
export function getStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** `clients` concurrent callers each calling `call` back to back for `seconds`: how many calls ended, and the seconds it took. */
export async function closedLoop(
  clients: number,
  seconds: number,
  call: () => Promise<unknown>,
): Promise<{ calls: number; elapsed: number }> {
  let calls = 0;
  const deadline = performance.now() + seconds * 1000;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        await call();
        calls++;
      }
    }),
  );
  return { calls, elapsed: (performance.now() - startedAt) / 1000 };
}

/** The calls per second of a closed loop (`closedLoop`). */
export async function callsPerSecond(clients: number, seconds: number, call: () => Promise<unknown>): Promise<number> {
  const { calls, elapsed } = await closedLoop(clients, seconds, call);
  return calls / elapsed;
}
