import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveClientAddress, trustedProxyList } from "@/lib/http/client-address";
import { metrics } from "@/lib/runtime/metrics";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { serveMetrics } from "@/lib/runtime/serve-metrics";
import { flushHistory } from "@/lib/server/device-history/record-history";
import { watchPortal } from "@/lib/server/start/watch-portal";
import { body, call, deviceCall, modelWithKey } from "./support/device-api";
import { connectDevice } from "./support/hub";
import { useRunningTestHub } from "./support/running-hub";

const running = useRunningTestHub();
const TOKEN = "metrics-token-for-the-tests";
let token: string | undefined;
let portal: Server;
let base = "";

// /metrics as server.ts serves it: behind a trusted proxy (here, loopback) the forwarded address is the client's.
beforeAll(async () => {
  watchPortal();
  const proxies = trustedProxyList(["127.0.0.1"]);
  portal = createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
      req.socket.remoteAddress,
      req.headers["x-forwarded-for"],
      proxies,
    );
    void serveMetrics(req, res, token);
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});

afterAll(() => portal?.close());

async function scrape(headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${base}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

/** A sample's value in the scraped text (0 when the series does not exist yet). */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("[OPS] /metrics", () => {
  it("counts a registration, a connect, refusals by cause (MQTT and HTTP) and shows queues and connected devices", async () => {
    const before = await scrape();
    const model = await modelWithKey("MQTT");
    const created = await call("register", body(model.hardwareKey));
    expect(created.status).toBe(201);
    const unknownKey = await call("register", body("phk_not-a-hardware-key-at-all"));
    expect(unknownKey.status).toBe(401);
    const id = created.json.id as string;
    const accessKey = created.json.access_key as string;
    const connected = await connectDevice(running.current.url, id, accessKey);
    expect(connected.reasonCode).toBe(0);
    const refused = await connectDevice(running.current.url, id, "pdk_wrong");
    expect(refused.reasonCode).toBe(135);
    expect((await deviceCall("POST", id, "/telemetry", "pdk_wrong", { status: "online" })).status).toBe(401);
    // Refusals are counted with their cause once the history has looked the device up.
    await expect
      .poll(async () => {
        await flushHistory();
        return sample(await scrape(), 'partner_hub_device_refusals_total{transport="mqtt",cause="wrong-key"}');
      })
      .toBe(sample(before, 'partner_hub_device_refusals_total{transport="mqtt",cause="wrong-key"}') + 1);
    await expect.poll(async () => sample(await scrape(), "partner_hub_devices_connected")).toBeGreaterThanOrEqual(1);
    connected.client?.end(true);
    // A credential change (as a rotation makes) is one reload of the broker's files.
    await running.current.hub.syncDevices([id]);

    const after = await scrape();
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('partner_hub_registrations_total{outcome="created"}')).toBe(1);
    expect(moved('partner_hub_registrations_total{outcome="unknown-hardware-key"}')).toBe(1);
    expect(moved('partner_hub_device_refusals_total{transport="http",cause="wrong-key"}')).toBe(1);
    expect(moved("partner_hub_device_connects_total")).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'partner_hub_broker_reload_seconds_count{confirmed="true"}')).toBeGreaterThanOrEqual(1);
    for (const queue of ["telemetry", "device-history", "audit"])
      expect(after).toMatch(new RegExp(`^partner_hub_queue_depth\\{queue="${queue}"\\} \\d+$`, "m"));
    expect(after).toContain("partner_hub_process_cpu_seconds_total");
  });

  it("answers 403 to a caller that is not on this machine, without a token set", async () => {
    token = undefined;
    const response = await fetch(`${base}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("partner_hub_");
  });

  it("with METRICS_TOKEN, answers 401 without the bearer token (even from loopback) and 200 with it", async () => {
    token = TOKEN;
    try {
      const missing = await fetch(`${base}/metrics`);
      expect(missing.status).toBe(401);
      expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const wrong = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer nope" } });
      expect(wrong.status).toBe(401);
      const remote = { "x-forwarded-for": "203.0.113.9", authorization: `Bearer ${TOKEN}` };
      expect(await scrape(remote)).toContain("partner_hub_registrations_total");
    } finally {
      token = undefined;
    }
  });

  it("keeps one registry per process", () => {
    expect(metrics().registry.getSingleMetric("partner_hub_registrations_total")).toBe(metrics().registrations);
  });
});
