import mqtt, { type IConnackPacket, type MqttClient, type Packet } from "mqtt";
import { reasonName } from "./reason-codes";
import { deviceTopicPrefix } from "./device-topics";
import { withTimeout } from "../runtime/with-timeout";
import type { WarmSocket } from "./warm-socket";

export type StepStatus = "pending" | "running" | "ok" | "failed";
export type Step = { key: StepKey; title: string; status: StepStatus; ms?: number; code?: number; detail?: string };
export type StepKey = "websocket" | "connect" | "subscribe" | "publish" | "roundtrip" | "hub";

export const STEP_TITLES: Record<StepKey, string> = {
  websocket: "WebSocket to the hub opened",
  connect: "CONNECT (MQTT v5) → CONNACK",
  subscribe: "SUBSCRIBE to the device's topics → SUBACK",
  publish: "PUBLISH QoS 1 telemetry → PUBACK",
  roundtrip: "Telemetry received back",
  hub: "Hub confirms the device is online",
};

export type CheckResult = { ok: boolean; totalMs: number; refusedWith?: number; client: MqttClient | null };

/** Asks the portal to answer once its hub has received the telemetry carrying `marker`. */
export type ConfirmWithHub = (marker: string, signal: AbortSignal) => Promise<boolean>;

/** The portal's answer for one check's marker, asked for ahead of the check or at its start. */
export type HubConfirmation = {
  marker: string;
  confirmed: Promise<boolean>;
  /** Answered already (seen, timed out or failed): no use for a check still to come. */
  isSettled: () => boolean;
  cancel: () => void;
};

/** How long the publish step waits for its acknowledgement. */
const ACK_TIMEOUT_MS = 5_000;

/** A new marker for a check's telemetry. */
export const newCheckMarker = (): string => `partner-hub-check-${Math.random().toString(36).slice(2, 14)}`;

/**
 * Asks the portal now for a check to come. The panel asks when it opens its
 * warm socket: the request's own cost (session, ownership) is then paid
 * before the click, and the check only waits for the hub to see its marker.
 */
export function askHub(marker: string, confirmWithHub: ConfirmWithHub): HubConfirmation {
  const controller = new AbortController();
  let isSettled = false;
  const confirmed = confirmWithHub(marker, controller.signal)
    .catch(() => false)
    .finally(() => (isSettled = true));
  return { marker, confirmed, isSettled: () => isSettled, cancel: () => controller.abort() };
}

/** The hub's WebSocket endpoint on this page's own origin (wss on https). */
export function hubWebSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/mqtt`;
}

const ms = (since: number) => Math.round((performance.now() - since) * 10) / 10;

/**
 * Connects as the device and walks the six steps, reporting each as it goes.
 * Reason codes come from the packets themselves: MQTT.js's `granted` array
 * repeats the requested QoS even when the broker refused it.
 */
export async function runConnectionCheck(options: {
  url: string;
  deviceId: string;
  accessKey: string;
  onStep: (step: Step) => void;
  confirmWithHub: ConfirmWithHub;
  /** The portal's confirmation asked for ahead (askHub); a new one is asked at the start otherwise. */
  confirmation?: HubConfirmation | null;
  /** A socket to `url` opened ahead of the check (lib/mqtt/warm-socket.ts), used instead of a new one. */
  warm?: WarmSocket | null;
}): Promise<CheckResult> {
  const { url, deviceId, accessKey, onStep } = options;
  const report = (key: StepKey, status: StepStatus, extra: Partial<Step> = {}) =>
    onStep({ key, title: STEP_TITLES[key], status, ...extra });
  const startedAt = performance.now();
  let wsOpenedAt: number | null = null;

  // Without an answer asked ahead, the portal is asked as soon as the
  // WebSocket is open (asking earlier delays the upgrade on the same server):
  // its request (session, ownership) runs while the MQTT steps do, and it
  // answers when the hub sees this marker. Dropped if the check fails first.
  const prefix = deviceTopicPrefix(deviceId);
  const ahead = options.confirmation && !options.confirmation.isSettled() ? options.confirmation : null;
  if (options.confirmation && !ahead) options.confirmation.cancel();
  const marker = ahead?.marker ?? newCheckMarker();
  let confirmation: HubConfirmation | null = ahead;
  const fail = (result: CheckResult): CheckResult => {
    confirmation?.cancel();
    return result;
  };

  const onOpen = (detail?: string) => {
    wsOpenedAt = performance.now();
    confirmation ??= askHub(marker, options.confirmWithHub);
    report("websocket", "ok", { ms: ms(startedAt), ...(detail ? { detail } : {}) });
    report("connect", "running");
  };
  report("websocket", "running");
  const client = mqtt.connect(url, {
    protocolVersion: 5,
    clientId: deviceId,
    username: deviceId,
    password: accessKey,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    clean: true,
    createWebsocket: (wsUrl: string, protocols: string[]) => {
      const warm = options.warm;
      if (warm?.socket.readyState === WebSocket.OPEN) {
        const ahead = Math.round(startedAt - (warm.openedAt ?? startedAt));
        onOpen(`already open: opened ${ahead} ms before this check`);
        return warm.socket;
      }
      const socket = warm?.socket ?? new WebSocket(wsUrl, protocols);
      socket.addEventListener("open", () => onOpen(), { once: true });
      return socket;
    },
  });
  const packets: Packet[] = [];
  client.on("packetreceive", (packet) => packets.push(packet));

  const connack = await new Promise<IConnackPacket | Error>((resolve) => {
    client.once("connect", (packet) => resolve(packet));
    client.once("error", (error) => resolve(error));
    client.once("close", () => resolve(new Error("connection closed")));
  });
  if (wsOpenedAt === null) {
    report("websocket", "failed", { ms: ms(startedAt), detail: "The hub's WebSocket endpoint could not be reached." });
    client.end(true);
    return fail({ ok: false, totalMs: ms(startedAt), client: null });
  }
  if (connack instanceof Error) {
    const code = (connack as Error & { code?: number }).code;
    report("connect", "failed", {
      ms: ms(wsOpenedAt),
      ...(typeof code === "number" ? { code, detail: reasonName(code) } : { detail: connack.message }),
    });
    client.end(true);
    return fail({
      ok: false,
      totalMs: ms(startedAt),
      ...(typeof code === "number" ? { refusedWith: code } : {}),
      client: null,
    });
  }
  const props = connack.properties ?? {};
  report("connect", "ok", {
    ms: ms(wsOpenedAt),
    code: connack.reasonCode ?? 0,
    detail: [
      `${reasonName(connack.reasonCode ?? 0)}; session present: ${connack.sessionPresent ? "yes" : "no"}`,
      props.serverKeepAlive !== undefined ? `keep-alive ${props.serverKeepAlive} s` : null,
      props.maximumPacketSize !== undefined ? `max packet ${props.maximumPacketSize} B` : null,
      props.topicAliasMaximum !== undefined ? `topic alias max ${props.topicAliasMaximum}` : null,
      props.receiveMaximum !== undefined ? `receive max ${props.receiveMaximum}` : null,
      props.assignedClientIdentifier ? `assigned id ${props.assignedClientIdentifier}` : null,
    ]
      .filter(Boolean)
      .join(" · "),
  });

  const step = async (key: StepKey, run: () => Promise<{ code: number; detail?: string }>) => {
    report(key, "running");
    const t0 = performance.now();
    try {
      const { code, detail } = await run();
      const ok = code < 128;
      report(key, ok ? "ok" : "failed", { ms: ms(t0), code, detail: detail ?? reasonName(code) });
      return ok;
    } catch (error) {
      report(key, "failed", { ms: ms(t0), detail: (error as Error).message });
      return false;
    }
  };

  const echoed = new Promise<void>((resolve) =>
    client.on(
      "message",
      (topic, payload) => topic === `${prefix}/telemetry` && payload.toString().includes(marker) && resolve(),
    ),
  );
  // SUBSCRIBE and PUBLISH go out together: the broker handles one
  // connection's packets in order, so the subscription is in place before the
  // telemetry arrives, and the check waits one round trip instead of two.
  // Each step still times its own acknowledgement and reports its code.
  let publishedAt = performance.now();
  const [isSubscribed, isPublished] = await Promise.all([
    step("subscribe", async () => {
      const suback = await client
        .subscribeAsync(`${prefix}/#`, { qos: 1 })
        .then(() => packets.find((p) => p.cmd === "suback") as { granted?: number[] } | undefined);
      const code = suback?.granted?.[0] ?? 128;
      return { code, detail: `${reasonName(code)} for ${prefix}/#` };
    }),
    step("publish", async () => {
      publishedAt = performance.now();
      // A refusal (PUBACK with a code of 128 or more) rejects too; the code is read from the packet.
      const sent = client
        .publishAsync(`${prefix}/telemetry`, JSON.stringify({ status: "online", telemetries: {}, check: marker }), {
          qos: 1,
        })
        .then(
          () => null,
          (error: Error) => error,
        );
      // MQTT.js keeps an unacknowledged message for a reconnect that never comes here: a close ends the wait.
      const closed = new Promise<Error>((resolve) =>
        client.once("close", () => resolve(new Error("the hub closed the connection"))),
      );
      const error = await withTimeout(
        Promise.race([sent, closed]),
        ACK_TIMEOUT_MS,
        () => new Error(`no PUBACK within ${ACK_TIMEOUT_MS / 1000} s`),
      );
      const puback = packets.find((p) => p.cmd === "puback") as { reasonCode?: number } | undefined;
      // Without its PUBACK a QoS 1 message is not known to have arrived: the step failed.
      if (!puback) throw new Error(`no PUBACK from the hub${error ? `: ${error.message}` : ""}`);
      return { code: puback.reasonCode ?? 0 };
    }),
  ]);
  const isEchoed =
    isSubscribed &&
    isPublished &&
    (await step("roundtrip", async () => {
      await withTimeout(echoed, 3_000, () => new Error("not received within 3 s"));
      return { code: 0, detail: `round trip ${ms(publishedAt)} ms` };
    }));
  const isConfirmed =
    isEchoed &&
    (await step("hub", async () => {
      const confirmed = (await confirmation?.confirmed) ?? false;
      return confirmed
        ? { code: 0, detail: "Online, last seen just now" }
        : { code: 128, detail: "The portal did not see this connection" };
    }));
  return isConfirmed
    ? { ok: true, totalMs: ms(startedAt), client }
    : fail({ ok: false, totalMs: ms(startedAt), client });
}
