import { describe, expect, it } from "vitest";
import { parseBrokerLine } from "./broker-log";

const id = "0b6f1d3e-2a4c-4e5f-9a7b-1c2d3e4f5a6b";

describe("[HUB] events from the broker's log lines (Mosquitto 2.0.11 and the portal's plugin)", () => {
  it.each([
    [
      `New client connected from 127.0.0.1:5000 as ${id} (p5, c1, k60, u'${id}').`,
      {
        kind: "connected",
        clientId: id,
        address: "127.0.0.1:5000",
        protocolVersion: 5,
        cleanStart: true,
        keepAliveSeconds: 60,
      },
    ],
    [`New client connected from 10.0.0.2:1 as ${id} (p2, c0, k30).`, { protocolVersion: 4, cleanStart: false }],
    [`Client ${id} disconnected.`, { kind: "disconnected", clientId: id, cause: "disconnected" }],
    [`Client ${id} closed its connection.`, { kind: "disconnected", cause: "closed" }],
    [`Client ${id} has exceeded timeout, disconnecting.`, { kind: "disconnected", cause: "timeout" }],
    [`Client ${id} already connected, closing old connection.`, { kind: "taken-over", clientId: id }],
    [`${id} 1 v1/device/${id}/commands`, { kind: "subscribed", qos: 1, filter: `v1/device/${id}/commands` }],
    [`${id} v1/device/${id}/config`, { kind: "unsubscribed", filter: `v1/device/${id}/config` }],
    [
      `partner-hub-connect v=refused-client-id a=10.1.2.3 c=sensor%0A7 u=${id} p=5 k=60 s=1`,
      { kind: "attempt", verdict: "refused-client-id", address: "10.1.2.3", clientId: "sensor\n7", username: id },
    ],
    [
      "partner-hub-connect v=deferred a=10.1.2.3 c=- u=- p=4 k=0 s=1",
      { clientId: null, username: null, protocolVersion: 4 },
    ],
    ["Client <unknown> disconnected, not authorised.", { kind: "refused" }],
    [
      `partner-hub-denied a=publish c=${id} q=1 t=v1%2Fdevice%2Fother%2Ftelemetry`,
      { kind: "denied", action: "publish", qos: 1, topic: "v1/device/other/telemetry" },
    ],
  ])("%s", (line, expected) => {
    expect(parseBrokerLine(line)).toMatchObject(expected);
  });

  it.each([
    "New connection from 127.0.0.1:5000 on port 1883.",
    "Reloading config.",
    "Sending CONNACK to 127.0.0.1 (0, 135)",
    "partner-hub-connect v=forged a=1 c=x u=y p=5 k=60 s=1",
    "mosquitto version 2.0.11 running",
  ])("ignores %s", (line) => {
    expect(parseBrokerLine(line)).toBeNull();
  });
});
