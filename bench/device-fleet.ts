// A child process that plays the devices for hub-admissions.bench.ts, so their
// MQTT clients do not share the hub's event loop (as real devices would not).
// Protocol on stdin/stdout, one JSON line each:
//   {"watch": {id, key}}   connect and publish QoS 1 every 20 ms, timing PUBACKs
//   {"connect": {id, key, n}}  connect once; replies {"connected": n, reasonCode, at}
//   {"stop": true}         replies {"stalls": [...]} and exits
import { createInterface } from "node:readline";
import type { MqttClient, Packet } from "mqtt";
import { connectDevice } from "../test/support/hub";

const url = process.argv[2]!;
const send = (message: unknown) => process.stdout.write(JSON.stringify(message) + "\n");
const stalls: number[] = [];
let watcher: MqttClient | null = null;

async function watch(id: string, key: string): Promise<void> {
  const { client } = await connectDevice(url, id, key);
  watcher = client;
  let sentAt = 0;
  client!.on("packetreceive", (packet: Packet) => packet.cmd === "puback" && stalls.push(performance.now() - sentAt));
  send({ watching: true });
  while (watcher) {
    sentAt = performance.now();
    await client!.publishAsync(`v1/device/${id}/probe`, "{}", { qos: 1 });
    await new Promise((r) => setTimeout(r, 20));
  }
}

createInterface({ input: process.stdin }).on("line", (line) => {
  const message = JSON.parse(line) as {
    watch?: { id: string; key: string };
    connect?: { id: string; key: string; n: number };
    stop?: true;
  };
  if (message.watch) void watch(message.watch.id, message.watch.key);
  if (message.connect) {
    const { id, key, n } = message.connect;
    void connectDevice(url, id, key).then(({ client, reasonCode }) => {
      client?.end(true);
      send({ connected: n, reasonCode, at: performance.timeOrigin + performance.now() });
    });
  }
  if (message.stop) {
    const client = watcher;
    watcher = null;
    client?.end(true);
    send({ stalls });
    process.exit(0);
  }
});
