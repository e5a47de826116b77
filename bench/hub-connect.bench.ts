// Connect latency (MQTT v5 CONNECT → CONNACK) with 1,000 devices admitted:
// plain TCP, and the portal's /mqtt WebSocket relay (the browser path). The
// hub has no WebSocket listener of its own (measured before it went: ~200 ms
// a connect on an idle 2.0.11 broker). Target: relay p50 <= 20 ms.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { attachMqttRelay } from "@/lib/hub/mqtt-relay";
import { connectDevice, makeDevice, startTestHub } from "../test/support/hub";
import { modelWithDevices, ms, percentile } from "./support";

const CONNECTS = 60;
const modelId = await modelWithDevices(1_000);
const { hub, mqttPort } = await startTestHub();
const device = await makeDevice(modelId);
await hub.syncDevices([device.id]);

const server = createServer();
attachMqttRelay(server, { url: `mqtt://127.0.0.1:${mqttPort}` });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const relayPort = (server.address() as AddressInfo).port;

async function measure(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CONNECTS; i++) {
    const t0 = performance.now();
    const { client, reasonCode } = await connectDevice(url, device.id, device.accessKey);
    if (reasonCode !== 0) throw new Error(`refused with ${reasonCode}`);
    times.push(performance.now() - t0);
    await client!.endAsync();
  }
  return times;
}

console.log(`\nconnect latency, ${CONNECTS} sequential MQTT v5 connects each (1,000 devices admitted)`);
for (const [label, url] of [
  ["TCP", `mqtt://127.0.0.1:${mqttPort}`],
  ["/mqtt relay (browser)", `ws://127.0.0.1:${relayPort}/mqtt`],
] as const) {
  const times = await measure(url);
  console.log(`  ${label.padEnd(22)} p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
}
server.close();
await hub.stop();
process.exit(0);
