import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { freePort } from "../test/support/free-port";
import { db, prepareDatabase } from "@/lib/server/db";
import { brokerPasswordHash } from "@/lib/hub/broker-password";
import { makeModel, makePartner } from "../test/support/partners";

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A model with `count` filler devices, inserted in bulk (they share one broker hash: only the count matters). */
export async function modelWithDevices(count: number): Promise<string> {
  await prepareDatabase();
  const partner = await makePartner("Bench");
  const modelId = await makeModel(partner);
  const hash = brokerPasswordHash("filler");
  for (let start = 0; start < count; start += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - start) }, (_, i) => ({
      id: randomUUID(),
      partnerId: partner.partnerId,
      modelId,
      sn: `FILL-${start + i}`,
      firmwareVersion: "1.0.0",
      accessKeyHash: randomUUID(),
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
export async function startPortal(extraEnv: Record<string, string> = {}) {
  const [port, mqttPort, wsPort] = [await freePort(), await freePort(), await freePort()];
  const hubDir = `.tmp/bench-hub-${Date.now()}`;
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir=.tmp/prof"] : [];
  const portal = spawn(process.execPath, [...profile, "--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MQTT_HOST: "127.0.0.1",
      MQTT_PORT: String(mqttPort),
      MQTT_WS_PORT: String(wsPort),
      HUB_DATA_DIR: hubDir,
      REGISTRATION_RATE_PER_IP: "100000000",
      REGISTRATION_RATE_PER_KEY: "100000000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Whatever ends the benchmark, the portal (and with it its broker) goes too.
  process.once("exit", () => portal.kill("SIGTERM"));
  await new Promise<void>((resolve, reject) => {
    portal.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready on") && resolve());
    portal.once("exit", (code) => reject(new Error(`portal exited with ${code}; run npm run build first`)));
  });
  const stop = async () => {
    portal.kill("SIGTERM");
    await new Promise((resolve) => portal.once("exit", resolve));
  };
  return { port, mqttPort, hubDir, pid: portal.pid!, baseUrl: `http://127.0.0.1:${port}`, stop };
}
