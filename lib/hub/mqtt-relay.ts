import type { IncomingMessage, Server } from "node:http";
import { connect } from "node:net";
import type { Duplex } from "node:stream";
import { createWebSocketStream, WebSocketServer } from "ws";

export const MQTT_RELAY_PATH = "/mqtt";

/**
 * Browsers speak MQTT over WebSocket to the portal's own origin at /mqtt; each
 * connection is relayed byte for byte to the broker's TCP listener. This
 * avoids Mosquitto 2.0.11's WebSocket listener (~200 ms per connect on an idle
 * broker, against ~4 ms through this relay), mixed-content and wrong-port problems. The broker
 * still authenticates every CONNECT; the relay adds no access of its own.
 */
export function attachMqttRelay(
  server: Server,
  broker: { host: string; port: number },
  onOtherUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
): void {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has("mqtt") ? "mqtt" : false),
  });
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url ?? "/", "http://relay").pathname !== MQTT_RELAY_PATH) {
      if (onOtherUpgrade) onOtherUpgrade(req, socket, head);
      else socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const upstream = connect({ host: broker.host, port: broker.port, noDelay: true });
      const browser = createWebSocketStream(ws);
      const close = () => {
        upstream.destroy();
        browser.destroy();
      };
      upstream.on("error", close);
      browser.on("error", close);
      upstream.on("close", close);
      browser.on("close", close);
      browser.pipe(upstream).pipe(browser);
    });
  });
}
