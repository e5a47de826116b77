import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { processState } from "./process-state";

// The portal's Prometheus metrics (served at /metrics by server.ts). The
// objects are made once per process (./runtime/process-state.ts): made again
// by another layer or a re-evaluation, every metric would be registered
// twice ("already registered").

/** Sources read at each scrape (queue lengths, connected devices), registered where they live. */
type Probes = {
  queueDepths: Map<string, () => number>;
  connectedDevices: (() => Promise<number>) | null;
};

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "partner_hub_" });
  const probes: Probes = { queueDepths: new Map(), connectedDevices: null };
  const registers = [registry];
  return {
    registry,
    probes,
    registrations: new Counter({
      name: "partner_hub_registrations_total",
      help: "Device registrations (single and bulk items) by outcome",
      labelNames: ["outcome"] as const,
      registers,
    }),
    deviceRefusals: new Counter({
      name: "partner_hub_device_refusals_total",
      help: "Devices refused by the hub (mqtt) or the device API (http), by cause",
      labelNames: ["transport", "cause"] as const,
      registers,
    }),
    deviceConnects: new Counter({
      name: "partner_hub_device_connects_total",
      help: "MQTT sessions devices opened",
      registers,
    }),
    connectedDevices: new Gauge({
      name: "partner_hub_devices_connected",
      help: "Devices with an MQTT session now, as presence records them",
      registers,
      async collect() {
        if (probes.connectedDevices) this.set(await probes.connectedDevices());
      },
    }),
    brokerReloads: new Histogram({
      name: "partner_hub_broker_reload_seconds",
      help: "Credential reloads of the embedded broker, from SIGHUP to confirmation (the broker serves nothing else meanwhile)",
      labelNames: ["confirmed"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30],
      registers,
    }),
    queueDepth: new Gauge({
      name: "partner_hub_queue_depth",
      help: "Items waiting in the portal's write-behind buffers",
      labelNames: ["queue"] as const,
      registers,
      collect() {
        for (const [queue, read] of probes.queueDepths) this.set({ queue }, read());
      },
    }),
    requestDuration: new Histogram({
      name: "partner_hub_http_request_duration_seconds",
      help: "HTTP requests by route (fast routes by pattern; the rest of Next.js by kind), method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
/** The process's metrics, made on first use. */
export function metrics(): Metrics {
  return processState("metrics", createMetrics);
}

/** A registration's outcome, by the status the API answered (bulk: per item). */
export function countRegistration(status: number): void {
  const outcome =
    (
      {
        201: "created",
        401: "unknown-hardware-key",
        409: "conflict",
        429: "rate-limited",
        503: "hub-unavailable",
      } as const
    )[status] ?? (status >= 500 ? "error" : "invalid");
  metrics().registrations.inc({ outcome });
}

/** A device refused at the hub or at the device API, with the cause the portal found. */
export function countDeviceRefusal(transport: "mqtt" | "http", cause: string): void {
  metrics().deviceRefusals.inc({ transport, cause });
}

/** Reads a write-behind buffer's length at each scrape. */
export function watchQueueDepth(queue: string, read: () => number): void {
  metrics().probes.queueDepths.set(queue, read);
}

export function watchConnectedDevices(read: () => Promise<number>): void {
  metrics().probes.connectedDevices = read;
}

/** Who may scrape: "ok", or the status to answer (401: a token is set and was not presented; 403: not from this machine). */
export function metricsAccess(options: {
  token: string | undefined;
  clientAddress: string;
  authorization: string | undefined;
}): "ok" | 401 | 403 {
  if (options.token) {
    const presented = /^Bearer\s+(.+)$/i.exec(options.authorization ?? "")?.[1]?.trim() ?? "";
    return sameSecret(presented, options.token) ? "ok" : 401;
  }
  return isLoopback(options.clientAddress) ? "ok" : 403;
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  // timingSafeEqual needs equal lengths; comparing b with itself keeps the time the same either way.
  return timingSafeEqual(a.length === b.length ? a : b, b) && a.length === b.length;
}

function isLoopback(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, "");
  if (isIP(plain) === 4) return plain.startsWith("127.");
  return plain === "::1";
}
