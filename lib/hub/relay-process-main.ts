// The relay process (relay-process.ts): takes the sockets of /mqtt upgrades
// from the portal and relays them to the broker. It inherits the portal's
// environment (with .env already loaded) and ends with it.
import { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { parseEnv } from "../env";
import { relayTlsOptions } from "./tls-config";
import { createMqttRelay } from "./mqtt-relay";
import type { HandedUpgrade } from "./relay-process";

// The broker comes from the portal (its MQTT_BROKER_URL, derived from its configuration).
const config = { ...parseEnv(process.env), MQTT_BROKER_URL: process.argv[2]! };
const relay = createMqttRelay({ url: config.MQTT_BROKER_URL, tlsOptions: relayTlsOptions(config) });

process.on("message", (upgrade: HandedUpgrade, socket?: Socket) => {
  if (!socket) return;
  // The request the portal parsed, rebuilt for the WebSocket handshake.
  const req = new IncomingMessage(socket);
  req.method = upgrade.method;
  req.url = upgrade.url;
  req.headers = upgrade.headers;
  relay(req, socket, Buffer.from(upgrade.head, "base64"));
});
// The portal went away (stopped, or killed): so does its relay.
process.on("disconnect", () => process.exit(0));
process.send?.("ready");
