import type { AddressInfo } from "node:net";
import mqttPacket, { type Packet } from "mqtt-packet";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { runConnectionCheck, type Step } from "./connection-check";

// The check's verdict on each acknowledgement, against a hub over WebSocket
// that answers CONNECT and SUBSCRIBE and then does what each test says with
// the PUBLISH: the cases a real broker rarely shows on purpose.
type OnPublish = (packet: Packet, send: (packet: Packet) => void, close: () => void) => void;

let server: WebSocketServer | null = null;
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

async function hubThat(onPublish: OnPublish): Promise<string> {
  server = new WebSocketServer({ port: 0, host: "127.0.0.1", handleProtocols: () => "mqtt" });
  server.on("connection", (socket) => {
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    const send = (packet: Packet) => socket.send(mqttPacket.generate(packet, { protocolVersion: 5 }));
    parser.on("packet", (packet) => {
      if (packet.cmd === "connect") send({ cmd: "connack", sessionPresent: false, reasonCode: 0 });
      if (packet.cmd === "subscribe") send({ cmd: "suback", messageId: packet.messageId, granted: [1] });
      if (packet.cmd === "publish") onPublish(packet, send, () => socket.close());
    });
    socket.on("message", (data) => parser.parse(data as Buffer));
  });
  await new Promise((resolve) => server!.once("listening", resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/mqtt`;
}

async function check(url: string): Promise<Map<string, Step>> {
  // MQTT.js in Node streams over the `ws` package's sockets; the browser's WebSocket is not in Node 20.
  vi.stubGlobal("WebSocket", WebSocket);
  const steps = new Map<string, Step>();
  const result = await runConnectionCheck({
    url,
    deviceId: "device-1",
    accessKey: "key",
    onStep: (step) => steps.set(step.key, step),
    confirmWithHub: () => Promise.resolve(true),
  });
  result.client?.end(true);
  expect(result.ok).toBe(false);
  return steps;
}

describe("the live check's publish step", () => {
  it("fails when the hub closes the connection instead of acknowledging the message", async () => {
    const steps = await check(await hubThat((_packet, _send, close) => close()));
    expect(steps.get("connect")?.status).toBe("ok");
    expect(steps.get("subscribe")?.status).toBe("ok");
    expect(steps.get("publish")).toMatchObject({ status: "failed" });
    expect(steps.get("publish")?.detail).toMatch(/^no PUBACK from the hub/);
    expect(steps.has("roundtrip")).toBe(false);
  });

  it("fails with the hub's reason when it refuses the message", async () => {
    const steps = await check(
      await hubThat((packet, send) => {
        if (packet.cmd === "publish") send({ cmd: "puback", messageId: packet.messageId, reasonCode: 135 });
      }),
    );
    expect(steps.get("publish")).toMatchObject({ status: "failed", code: 135 });
  });
});
