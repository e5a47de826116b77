import type { IncomingMessage, Server } from "node:http";
import { connect, isIP, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { connect as connectTls } from "node:tls";
import { createWebSocketStream, WebSocketServer } from "ws";
import type { BrokerTlsOptions } from "./broker-tls";
import { logger } from "../runtime/logger";

export const MQTT_RELAY_PATH = "/mqtt";

/**
 * The broker the relay speaks to: mqtt:// over plain TCP, mqtts:// over TLS,
 * with the broker's certificate checked against Node's trust store (plus
 * NODE_EXTRA_CA_CERTS when the process was started with it), or against
 * `ca` instead when given, or as `tlsOptions` says (asked at each connection).
 */
export type RelayBroker = { url: string; ca?: string | Buffer; tlsOptions?: () => BrokerTlsOptions };

type Target = {
  host: string;
  port: number;
  isTls: boolean;
  ca?: string | Buffer | undefined;
  tlsOptions?: (() => BrokerTlsOptions) | undefined;
};

function parseBroker(broker: RelayBroker): Target {
  const url = new URL(broker.url);
  if (url.protocol !== "mqtt:" && url.protocol !== "mqtts:")
    throw new Error(`the /mqtt relay speaks mqtt:// or mqtts://, not ${url.protocol}`);
  const isTls = url.protocol === "mqtts:";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return { host, port: Number(url.port || (isTls ? 8883 : 1883)), isTls, ca: broker.ca, tlsOptions: broker.tlsOptions };
}

/** One TCP or TLS connection to the broker; TLS writes wait for the handshake. */
function connectToBroker({ host, port, isTls, ca, tlsOptions }: Target): Socket {
  if (!isTls) return connect({ host, port, noDelay: true });
  // SNI is for names only; the certificate is checked against an IP address as well.
  const socket = connectTls({
    host,
    port,
    ...(isIP(host) ? {} : { servername: host }),
    ...(ca ? { ca } : {}),
    ...tlsOptions?.(),
  });
  return socket.setNoDelay(true);
}

/** The upgrade's path is the relay's (the query string aside). */
const isMqttRelayRequest = (req: IncomingMessage): boolean =>
  new URL(req.url ?? "/", "http://relay").pathname === MQTT_RELAY_PATH;

/** Takes an upgrade request's socket (the relay: a WebSocket handshake, then bytes both ways to the broker). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Browsers speak MQTT over WebSocket to the portal's own origin at /mqtt; each
 * connection is relayed byte for byte to the broker's TCP listener, or its TLS
 * listener for an mqtts:// URL. This avoids Mosquitto 2.0.11's WebSocket
 * listener (~200 ms per connect on an idle broker, against ~4 ms through this
 * relay), mixed-content and wrong-port problems. The broker still
 * authenticates every CONNECT; the relay adds no access of its own.
 */
export function createMqttRelay(
  broker: RelayBroker,
  log: (message: string) => void = (message) => logger("relay").warn(message),
): UpgradeHandler {
  // Parsed once here, so a wrong scheme stops the start, not a browser's connection.
  const target = parseBroker(broker);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has("mqtt") ? "mqtt" : false),
  });
  let lastLoggedAt = 0;
  return (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      let upstream: Socket;
      try {
        upstream = connectToBroker(target);
      } catch (error) {
        // E.g. the hub's CA not made yet: the browser sees the connection close, as with a broker that is down.
        log(`could not connect to the broker at ${broker.url}: ${(error as Error).message}`);
        ws.terminate();
        return;
      }
      const browser = createWebSocketStream(ws);
      const close = () => {
        upstream.destroy();
        browser.destroy();
      };
      let isOpen = false;
      upstream.once(target.isTls ? "secureConnect" : "connect", () => (isOpen = true));
      upstream.on("error", (error: Error) => {
        // A broker that is down, or a certificate that does not verify: said at most every 10 s.
        if (!isOpen && Date.now() - lastLoggedAt > 10_000) {
          lastLoggedAt = Date.now();
          log(`could not reach the broker at ${broker.url}: ${error.message}`);
        }
        close();
      });
      browser.on("error", close);
      upstream.on("close", close);
      browser.on("close", close);
      browser.pipe(upstream).pipe(browser);
    });
}

/**
 * Relays the server's /mqtt upgrades (createMqttRelay), in this process or,
 * when `handOff` takes the socket, in the relay process (relay-process.ts).
 * Other upgrades go to `onOtherUpgrade` (Next.js's, in development) or are closed.
 */
export function attachMqttRelay(
  server: Server,
  broker: RelayBroker,
  {
    onOtherUpgrade,
    log,
    handOff,
  }: {
    onOtherUpgrade?: UpgradeHandler | undefined;
    log?: (message: string) => void;
    handOff?: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
  } = {},
): void {
  const relay = createMqttRelay(broker, log);
  server.on("upgrade", (req, socket, head) => {
    if (!isMqttRelayRequest(req)) {
      if (onOtherUpgrade) onOtherUpgrade(req, socket, head);
      else socket.destroy();
      return;
    }
    if (!handOff?.(req, socket, head)) relay(req, socket, head);
  });
}
