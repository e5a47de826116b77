// What Mosquitto 2.0 logs about its clients (log_type information, subscribe
// and unsubscribe; connection_messages true), as events. A refused CONNECT
// names no client ("Client <unknown> disconnected, not authorised"), so it
// is not one of them.

/** What the broker plugin decided about a CONNECT before the password file (broker-plugin/partner-hub-plugin.c). */
export type AttemptVerdict = "deferred" | "refused-protocol" | "refused-client-id";

export type BrokerLogEvent =
  | {
      kind: "attempt";
      verdict: AttemptVerdict;
      address: string;
      clientId: string | null;
      username: string | null;
      protocolVersion: number;
      keepAliveSeconds: number;
      cleanStart: boolean;
    }
  /** The CONNECT just attempted was refused (the broker names nobody here). */
  | { kind: "refused" }
  | { kind: "denied"; action: "publish" | "subscribe"; clientId: string; qos: number; topic: string }
  | {
      kind: "connected";
      clientId: string;
      address: string;
      /** 3 is MQTT 3.1, 4 is 3.1.1, 5 is v5 (Mosquitto logs p1, p2 and p5). */
      protocolVersion: 3 | 4 | 5;
      cleanStart: boolean;
      keepAliveSeconds: number;
    }
  | { kind: "disconnected"; clientId: string; cause: "closed" | "timeout" | "disconnected" }
  | { kind: "taken-over"; clientId: string }
  | { kind: "subscribed"; clientId: string; qos: number; filter: string }
  | { kind: "unsubscribed"; clientId: string; filter: string };

const PROTOCOL_VERSIONS = { p1: 3, p2: 4, p5: 5 } as const;

const ATTEMPT = /^partner-hub-connect v=(\S+) a=(\S+) c=(\S+) u=(\S+) p=(\d+) k=(\d+) s=([01])$/;
const REFUSED = /^Client <unknown> disconnected, not authorised\.$/;
// The plugin's line for a device's publish or subscribe outside its own topics.
const DENIED = /^partner-hub-denied a=(publish|subscribe) c=(\S+) q=(\d) t=(\S+)$/;
const VERDICTS: readonly string[] = ["deferred", "refused-protocol", "refused-client-id"];

/** "-" is none; the plugin percent-encodes the rest. */
function decoded(value: string): string | null {
  if (value === "-") return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const CONNECTED = /^New client connected from (\S+) as (\S+) \((p\d), c(\d), k(\d+)/;
const DISCONNECTED = /^Client (\S+) (disconnected|closed its connection|has exceeded timeout)/;
const TAKEN_OVER = /^Client (\S+) already connected, closing old connection/;
// "<client> <qos> <filter>" and "<client> <filter>": client ids and filters have no spaces here.
const SUBSCRIBED = /^(\S+) ([012]) (\S+)$/;
const UNSUBSCRIBED = /^(\S+) (\S+)$/;

/** The event one log line describes, or null (most lines are none). */
export function parseBrokerLine(line: string): BrokerLogEvent | null {
  const attempt = ATTEMPT.exec(line);
  if (attempt && VERDICTS.includes(attempt[1]!)) {
    return {
      kind: "attempt",
      verdict: attempt[1] as AttemptVerdict,
      address: attempt[2]!,
      clientId: decoded(attempt[3]!),
      username: decoded(attempt[4]!),
      protocolVersion: Number(attempt[5]),
      keepAliveSeconds: Number(attempt[6]),
      cleanStart: attempt[7] === "1",
    };
  }
  if (REFUSED.test(line)) return { kind: "refused" };
  const denied = DENIED.exec(line);
  if (denied) {
    const [, action, clientId, qos, topic] = denied as unknown as [
      string,
      "publish" | "subscribe",
      string,
      string,
      string,
    ];
    return {
      kind: "denied",
      action,
      clientId: decoded(clientId) ?? "-",
      qos: Number(qos),
      topic: decoded(topic) ?? "",
    };
  }
  const connected = CONNECTED.exec(line);
  if (connected) {
    const [, address, clientId, protocol, clean, keepAlive] = connected as unknown as string[];
    return {
      kind: "connected",
      clientId: clientId!,
      address: address!,
      protocolVersion: PROTOCOL_VERSIONS[protocol as keyof typeof PROTOCOL_VERSIONS] ?? 4,
      cleanStart: clean === "1",
      keepAliveSeconds: Number(keepAlive),
    };
  }
  const takenOver = TAKEN_OVER.exec(line);
  if (takenOver) return { kind: "taken-over", clientId: takenOver[1]! };
  const disconnected = DISCONNECTED.exec(line);
  if (disconnected) {
    if (disconnected[1] === "<unknown>" || line.includes("not authorised")) return null;
    const cause = {
      disconnected: "disconnected",
      "closed its connection": "closed",
      "has exceeded timeout": "timeout",
    } as const;
    return { kind: "disconnected", clientId: disconnected[1]!, cause: cause[disconnected[2] as keyof typeof cause] };
  }
  const subscribed = SUBSCRIBED.exec(line);
  if (subscribed)
    return { kind: "subscribed", clientId: subscribed[1]!, qos: Number(subscribed[2]), filter: subscribed[3]! };
  const unsubscribed = UNSUBSCRIBED.exec(line);
  if (unsubscribed && unsubscribed[2]!.includes("/")) {
    return { kind: "unsubscribed", clientId: unsubscribed[1]!, filter: unsubscribed[2]! };
  }
  return null;
}
