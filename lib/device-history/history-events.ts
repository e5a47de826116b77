// A device's history: what the hub saw of its MQTT sessions, its HTTP calls
// and the messages the portal could not accept, as stored (DeviceEvent.kind
// and its detail) and as said to the partner, with what to change. Shared by
// the device page, the checklist and the conformance report.

export const HISTORY_KINDS = {
  connected: "mqtt.connected",
  refused: "mqtt.refused",
  subscribed: "mqtt.subscribed",
  unsubscribed: "mqtt.unsubscribed",
  publishDenied: "mqtt.publish-denied",
  disconnected: "mqtt.disconnected",
  httpCall: "http.call",
  rejectedMessage: "message.rejected",
  /** An event the firmware added to its log (Xyte's Add Event). */
  deviceEvent: "device.event",
  summary: "history.summary",
} as const;

/** Why the hub refused a CONNECT, as the portal can tell. */
export type RefusalCause = "wrong-key" | "disabled" | "http-model" | "protocol" | "client-id" | "username";

export type HistoryTone = "ok" | "info" | "warning" | "error";
export type DescribedEvent = { title: string; detail?: string; fix?: string; tone: HistoryTone };

const REFUSALS: Record<RefusalCause, { title: string; fix: string }> = {
  "wrong-key": {
    title: "Refused: the password is not the device's access key",
    fix: "Send the access key from registration (or the latest rotation) as the MQTT password.",
  },
  disabled: { title: "Refused: the device is disabled", fix: "Enable the device on this page, then connect again." },
  "http-model": {
    title: "Refused: the device's model uses HTTP",
    fix: "This model's devices use the HTTP device API (hub_url), not MQTT.",
  },
  protocol: {
    title: "Refused: MQTT older than v5",
    fix: "Connect with MQTT v5: protocolVersion: 5 (MQTT.js), -V mqttv5 (mosquitto), protocol=MQTTv5 (paho).",
  },
  "client-id": {
    title: "Refused: the client id is not the device id",
    fix: "Use the device id as the MQTT client id (and as the username).",
  },
  username: {
    title: "Refused: the username is not the device id",
    fix: "Use the device id as the MQTT username (and as the client id).",
  },
};

const DISCONNECTS: Record<string, DescribedEvent> = {
  client: { title: "Disconnected: the device closed its session", tone: "info" },
  "connection-lost": {
    title: "Connection lost: closed without a DISCONNECT",
    detail: "The network dropped, or the firmware closed the socket without saying goodbye.",
    tone: "warning",
  },
  "keep-alive": {
    title: "Disconnected: keep-alive timeout",
    detail: "The hub heard nothing for 1.5 keep-alive periods.",
    tone: "warning",
  },
  "taken-over": {
    title: "Session taken over by another connection with this device id",
    detail:
      "One connection per device: a new one (another device, or the live check in a browser) replaced this one (reason 142).",
    tone: "warning",
  },
  "credentials-changed": {
    title: "Disconnected by the hub: the device's key was rotated, or it was disabled or deleted",
    tone: "info",
  },
};

const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** One stored event in plain words, with what to change when something went wrong. */
export function describeHistoryEvent(kind: string, detail: Record<string, unknown>): DescribedEvent {
  switch (kind) {
    case HISTORY_KINDS.connected: {
      const isV5 = detail.protocolVersion === 5;
      return {
        title: `Connected over MQTT ${isV5 ? "v5" : detail.protocolVersion === 4 ? "3.1.1" : String(detail.protocolVersion)}`,
        detail: `from ${text(detail.address)} · keep-alive ${text(detail.keepAliveSeconds)} s · clean start ${detail.cleanStart ? "yes" : "no"}`,
        tone: "ok",
      };
    }
    case HISTORY_KINDS.refused: {
      const refusal = REFUSALS[(detail.cause as RefusalCause) ?? "wrong-key"] ?? REFUSALS["wrong-key"];
      const presented = [
        detail.clientId ? `client id ${text(detail.clientId)}` : null,
        detail.username ? `username ${text(detail.username)}` : null,
        detail.protocolVersion
          ? `MQTT ${detail.protocolVersion === 5 ? "v5" : detail.protocolVersion === 4 ? "3.1.1" : "3.1"}`
          : null,
        detail.address ? `from ${text(detail.address)}` : null,
        detail.count ? `${text(detail.count)} attempts` : null,
      ].filter(Boolean);
      return { title: refusal.title, detail: presented.join(" · "), fix: refusal.fix, tone: "error" };
    }
    case HISTORY_KINDS.subscribed:
      return detail.isGranted
        ? { title: `Subscribed to ${text(detail.filter)}`, detail: `QoS ${text(detail.qos)} granted`, tone: "ok" }
        : {
            title: `Subscription refused: ${text(detail.filter)}`,
            detail: "Outside the device's own topics (SUBACK 135).",
            fix: `Subscribe under v1/device/{device id}/, e.g. v1/device/{device id}/commands.`,
            tone: "error",
          };
    case HISTORY_KINDS.unsubscribed:
      return { title: `Unsubscribed from ${text(detail.filter)}`, tone: "info" };
    case HISTORY_KINDS.publishDenied:
      return {
        title: `Publish refused: ${text(detail.topic)}`,
        detail: "Outside the device's own topics: PUBACK 135 at QoS 1, dropped silently at QoS 0.",
        fix: "Publish under v1/device/{device id}/, e.g. v1/device/{device id}/telemetry.",
        tone: "error",
      };
    case HISTORY_KINDS.disconnected:
      return DISCONNECTS[text(detail.cause)] ?? { title: "Disconnected", tone: "info" };
    case HISTORY_KINDS.httpCall: {
      const status = Number(detail.status);
      const count = Number(detail.count ?? 1);
      return {
        title: `${text(detail.method)} ${text(detail.endpoint)} → ${status}${count > 1 ? ` (×${count} this minute)` : ""}`,
        ...(detail.message ? { detail: text(detail.message) } : {}),
        ...(status === 401 ? { fix: "Send the device's current access key as the Authorization header." } : {}),
        tone: status < 300 ? "ok" : status < 500 ? "error" : "warning",
      };
    }
    case HISTORY_KINDS.rejectedMessage:
      return {
        title: `Message not accepted on ${text(detail.topic)}`,
        detail: text(detail.reason),
        ...(typeof detail.payload === "string" ? { fix: `It sent: ${detail.payload.slice(0, 200)}` } : {}),
        tone: "error",
      };
    case HISTORY_KINDS.deviceEvent: {
      const values = ["int_key_1", "int_key_2", "string_key_1", "string_key_2"]
        .filter((key) => detail[key] !== undefined)
        .map((key) => `${key} ${text(detail[key])}`);
      return {
        title: `Event ${text(detail.name)} (${text(detail.category)})`,
        ...(values.length > 0 ? { detail: values.join(" · ") } : {}),
        tone: "info",
      };
    }
    case HISTORY_KINDS.summary:
      if (detail.unauthenticated)
        return {
          title: "More attempts without the device's key this minute than are kept one by one",
          detail: `The first ${text(detail.kept)} refused connects and HTTP calls answered 401 of each minute are kept; the rest were counted. The device's own events are kept apart.`,
          fix: "If this is not your firmware retrying with an old key, someone is trying this device's id.",
          tone: "warning",
        };
      return {
        title: "More happened this minute than is kept one by one",
        detail: `The first ${text(detail.kept)} events of each minute are kept; the rest were counted, not stored.`,
        fix: "A device reconnecting or failing in a loop: fix the cause above, and back off between retries.",
        tone: "warning",
      };
    default:
      return { title: kind, tone: "info" };
  }
}
