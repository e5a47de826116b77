// Connect latency (MQTT v5 CONNECT → CONNACK) with 1,000 devices admitted:
// plain TCP, TLS (the hub's generated P-256 certificate, checked against its
// CA: what devices are told by default), and the portal's /mqtt WebSocket relay (the browser path), with
// the broker plugin (which logs each attempt for the devices' histories) and
// without it, to show what it costs. The hub has no WebSocket listener of its
// own (measured before it went: ~200 ms a connect on an idle 2.0.11 broker).
// Target: relay p50 <= 20 ms; the plugin within 10% of no plugin.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { IClientOptions } from "mqtt";
import { attachMqttRelay } from "@/lib/hub/mqtt-relay";
import { connectDevice, makeDevice, startTestHub } from "../test/support/hub";
import { modelWithDevices, ms, percentile } from "./support";
import { target } from "./targets";

const CONNECTS = 200;
const modelId = await modelWithDevices(1_000);

async function measure(
  url: string,
  device: { id: string; accessKey: string },
  extra: IClientOptions = {},
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CONNECTS; i++) {
    const t0 = performance.now();
    const { client, reasonCode } = await connectDevice(url, device.id, device.accessKey, extra);
    if (reasonCode !== 0) throw new Error(`refused with ${reasonCode}`);
    times.push(performance.now() - t0);
    await client!.endAsync();
  }
  return times;
}

console.log(`\nconnect latency, ${CONNECTS} sequential MQTT v5 connects each (1,000 devices admitted)`);
const p50s = new Map<string, number>();
for (const usePlugin of [true, false]) {
  const { hub, mqttPort, tlsUrl, caFile } = await startTestHub({ usePlugin, tls: true });
  const device = await makeDevice(modelId);
  await hub.syncDevices([device.id]);
  const server = createServer();
  attachMqttRelay(server, { url: `mqtt://127.0.0.1:${mqttPort}` });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const relayPort = (server.address() as AddressInfo).port;
  const ca = { ca: readFileSync(caFile) };
  for (const [label, url, extra] of [
    ["TCP", `mqtt://127.0.0.1:${mqttPort}`, {}],
    ["TLS (mqtts, the hub's CA)", tlsUrl, ca],
    ["/mqtt relay (browser)", `ws://127.0.0.1:${relayPort}/mqtt`, {}],
  ] as const) {
    await measure(url, device, extra); // warm-up
    const times = await measure(url, device, extra);
    const what = `${label}, ${usePlugin ? "with the plugin" : "no plugin"}`;
    console.log(`  ${what.padEnd(44)} p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
    p50s.set(what, percentile(times, 50));
  }
  server.close();
  await hub.stop();
}
const p50 = (label: string, usePlugin: boolean) =>
  p50s.get(`${label}, ${usePlugin ? "with the plugin" : "no plugin"}`) ?? NaN;
target("/mqtt relay connect p50", p50("/mqtt relay (browser)", true), { atMost: 20 }, "ms");
// The plugin's cost: its TCP connect's p50 against the same without it (a small floor keeps noise in check).
const withPlugin = p50("TCP", true);
const without = p50("TCP", false);
target("TCP connect p50 with the plugin, over no plugin", withPlugin / Math.max(without, 1), { atMost: 1.1 }, "×");
process.exit();
