import type { EventEmitter } from "node:events";
import type { BrokerLogEvent } from "./broker-log";
import { HUB_OPERATOR, HUB_SUPERUSER } from "./credential-files";
import type { DeviceSessions } from "./device-sessions";
import type { HubEvents } from "./hub";
import type { PresenceRecorder } from "./presence";

const isPortalAccount = (username: string | null) => username === HUB_SUPERUSER || username === HUB_OPERATOR;

/**
 * What the broker's log says a device did (its connect or refused attempt,
 * subscription, denied publish, disconnect), turned into presence, the
 * sessions the conversation pushes to, and the session events of the
 * device's connection history, emitted on the hub.
 */
export class BrokerEvents {
  /** The broker plugin's line about the CONNECT being handled now (the broker's next line says how it ended). */
  private lastAttempt: Extract<BrokerLogEvent, { kind: "attempt" }> | null = null;
  /** When each device's credentials were last synced: a disconnect right after is the broker dropping it. */
  private readonly changedAt = new Map<string, number>();

  constructor(
    private readonly hub: EventEmitter<HubEvents>,
    private readonly presence: PresenceRecorder,
    private readonly sessions: DeviceSessions,
  ) {}

  /** Notes that these devices' credentials change now (bounded: old notes go past 10,000). */
  credentialsChanged(ids: readonly string[], at = Date.now()): void {
    if (this.changedAt.size > 10_000) this.changedAt.clear();
    for (const id of ids) this.changedAt.set(id, at);
  }

  note(event: BrokerLogEvent): void {
    const at = new Date();
    if (event.kind === "attempt") {
      this.lastAttempt = event;
      return;
    }
    if (event.kind === "refused") {
      const attempt = this.lastAttempt;
      this.lastAttempt = null;
      // An attempt by one of the portal's own accounts is not a device's.
      if (!attempt || isPortalAccount(attempt.username)) return;
      const { username, clientId, address, protocolVersion, verdict } = attempt;
      this.hub.emit("session", { type: "refused", at, username, clientId, address, protocolVersion, verdict });
      return;
    }
    const deviceId = event.clientId;
    if (isPortalAccount(deviceId)) return;
    switch (event.kind) {
      case "connected": {
        this.lastAttempt = null;
        this.presence.record({ deviceId, kind: "connected", at });
        this.sessions.connected(deviceId, event.cleanStart);
        const { address, protocolVersion, keepAliveSeconds, cleanStart } = event;
        this.hub.emit("session", {
          type: "connected",
          deviceId,
          at,
          address,
          protocolVersion,
          keepAliveSeconds,
          cleanStart,
        });
        this.hub.emit("connect", deviceId);
        break;
      }
      case "disconnected": {
        this.presence.record({ deviceId, kind: "disconnected", at });
        this.sessions.disconnected(deviceId);
        // The broker logs a client it drops after a reload like one that left:
        // a device whose credentials just changed was dropped for that.
        const changedAt = this.changedAt.get(deviceId);
        const cause =
          changedAt !== undefined && at.getTime() - changedAt < 10_000
            ? "credentials-changed"
            : ({ disconnected: "client", closed: "connection-lost", timeout: "keep-alive" } as const)[event.cause];
        this.hub.emit("session", { type: "disconnected", deviceId, at, cause });
        break;
      }
      case "taken-over":
        this.hub.emit("session", { type: "disconnected", deviceId, at, cause: "taken-over" });
        break;
      case "subscribed": {
        const isGranted = this.sessions.subscribed(deviceId, event.filter);
        this.hub.emit("session", { type: "subscribed", deviceId, at, filter: event.filter, qos: event.qos, isGranted });
        if (isGranted) this.hub.emit("subscribe", deviceId, event.filter);
        break;
      }
      case "unsubscribed":
        this.sessions.unsubscribed(deviceId, event.filter);
        this.hub.emit("session", { type: "unsubscribed", deviceId, at, filter: event.filter });
        break;
      case "denied":
        // The broker answers PUBACK (or SUBACK) 135 and logs nothing more about it.
        if (event.action === "publish")
          this.hub.emit("session", { type: "publish-denied", deviceId, at, topic: event.topic });
        else {
          const { topic: filter, qos } = event;
          this.hub.emit("session", { type: "subscribed", deviceId, at, filter, qos, isGranted: false });
        }
        break;
    }
  }
}
