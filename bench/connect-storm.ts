// A child process that connects to the hub at set rates for history.bench.ts,
// with raw CONNECT packets (mqtt-packet) so that one process can offer
// thousands a second: `good` devices connect with their keys and leave with a
// DISCONNECT; refused attempts use ids that are no device, or a real device's
// id with a wrong key. Reads a JSON job file:
//   {mqttPort, good: [{id, key}], goodPerSecond, refusedPerSecond, seconds}
// Prints one JSON line with how many of each were answered, and how.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import mqttPacket from "mqtt-packet";

type Job = {
  mqttPort: number;
  good: { id: string; key: string }[];
  goodPerSecond: number;
  refusedPerSecond: number;
  seconds: number;
};
const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Job;
const counts = { accepted: 0, refused: 0, otherCodes: 0, errors: 0, offered: 0 };
const parser = () => mqttPacket.parser({ protocolVersion: 5 });

function attempt(id: string, key: string, isGood: boolean): void {
  counts.offered++;
  const socket = connect(job.mqttPort, "127.0.0.1");
  const parse = parser();
  parse.on("packet", (packet) => {
    if (packet.cmd !== "connack") return;
    const code = (packet as { reasonCode?: number }).reasonCode ?? 0;
    if (code === 0) counts.accepted++;
    else if (code === 135) counts.refused++;
    else counts.otherCodes++;
    if (code === 0 && isGood)
      socket.end(mqttPacket.generate({ cmd: "disconnect", reasonCode: 0 }, { protocolVersion: 5 }));
    else socket.destroy();
  });
  socket.on("data", (chunk: Buffer) => parse.parse(chunk));
  socket.on("error", () => counts.errors++);
  socket.write(
    mqttPacket.generate(
      {
        cmd: "connect",
        protocolId: "MQTT",
        protocolVersion: 5,
        clean: true,
        clientId: id,
        username: id,
        password: Buffer.from(key),
        keepalive: 30,
      },
      { protocolVersion: 5 },
    ),
  );
}

const tickMs = 10;
const startedAt = performance.now();
let tick = 0;
let good = 0;
while (performance.now() - startedAt < job.seconds * 1000) {
  tick++;
  const dueGood =
    Math.floor((tick * tickMs * job.goodPerSecond) / 1000) -
    Math.floor(((tick - 1) * tickMs * job.goodPerSecond) / 1000);
  const dueRefused =
    Math.floor((tick * tickMs * job.refusedPerSecond) / 1000) -
    Math.floor(((tick - 1) * tickMs * job.refusedPerSecond) / 1000);
  for (let i = 0; i < dueGood; i++) {
    const device = job.good[good++ % job.good.length]!;
    attempt(device.id, device.key, true);
  }
  for (let i = 0; i < dueRefused; i++) {
    // Half with ids that are no device, half with a real device's id and a wrong key.
    if (i % 2 === 0) attempt(randomUUID(), "guess", false);
    else attempt(job.good[i % job.good.length]!.id, "wrong-key", false);
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + tick * tickMs - performance.now())));
}
await new Promise((resolve) => setTimeout(resolve, 2_000));
process.stdout.write(JSON.stringify({ ...counts, seconds: (performance.now() - startedAt) / 1000 }) + "\n");
process.exit(0);
