"use client";

import { startTransition, useEffect, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import type { MqttClient } from "mqtt";
import { REFUSAL_EXPLANATIONS, type RefusalCause } from "@/lib/schemas/connection-check";
import {
  askHub,
  hubWebSocketUrl,
  newCheckMarker,
  runConnectionCheck,
  STEP_TITLES,
  type HubConfirmation,
  type Step,
  type StepKey,
} from "@/lib/mqtt/connection-check";
import { WarmSockets } from "@/lib/mqtt/warm-socket";
import { reasonName } from "@/lib/mqtt/reason-codes";
import { deviceTopicPrefix } from "@/lib/mqtt/device-topics";
import { diagnoseConnectionAction } from "@/lib/server/actions/devices/diagnose-connection-action";
import { clockTime, MESSAGE_LOG_LIMIT, type LoggedMessage } from "@/lib/mqtt/message-log";
import { LiveMessages } from "./live-messages";
import { PublishForm, type PublishedMessage } from "./publish-form";
import { SubscribeForm } from "./subscribe-form";
import { useFrameBatch } from "./use-frame-batch";
import { AccessKeyInput, useAccessKey } from "@/components/devices/access-key-input";
import { Button } from "@/components/ui/button";
import { isConnectedNow, useLatestConversation } from "./use-device-conversation";
import { ConnectionStepRow } from "./connection-step-row";
import { TakeoverDialog } from "./takeover-dialog";

const STEP_KEYS = Object.keys(STEP_TITLES) as StepKey[];
type Summary = { ok: true; ms: number } | { ok: false; text: string; next?: string };

/** A confirmation asked ahead waits this long: past the warm socket's idle time (WARM_SOCKET_IDLE_MS), plus a check. */
const AHEAD_WAIT_S = 30;

/** The screen keeps still this long after a click (use-frame-batch.ts's hold). */
const SCREEN_HOLD_MS = 100;

const TAKEN_OVER =
  "Session taken over: another connection with this device id connected, most likely the device itself reconnecting. The hub keeps one connection per device id.";

/**
 * Connects from this browser as the device, over MQTT v5 on the portal's own
 * /mqtt, and shows each step with its reason code and time. The key stays in
 * this page: it is sent to the hub as the MQTT password and, only to explain
 * a refusal, to the portal's diagnose action.
 */
export function LiveConnectionPanel({ deviceId }: { deviceId: string }) {
  const [accessKey] = useAccessKey();
  const [steps, setSteps] = useState<Partial<Record<StepKey, Step>>>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  // Each check's verdict is a new node, so the live region announces a
  // repeated "verified" too (and a test can tell this check's from the last).
  const [checkNumber, setCheckNumber] = useState(0);
  const [isSessionShown, setIsSessionShown] = useState(false);
  const [isRunning, setIsRunning] = useState(false);
  const [messages, setMessages] = useState<LoggedMessage[]>([]);
  const [disconnectReason, setDisconnectReason] = useState<string | null>(null);
  const clientRef = useRef<MqttClient | null>(null);
  const nextMessageId = useRef(0);
  const prefix = deviceTopicPrefix(deviceId);

  function log(message: Omit<LoggedMessage, "id" | "at">) {
    const entry = { ...message, id: nextMessageId.current++, at: clockTime() };
    setMessages((current) => [entry, ...current].slice(0, MESSAGE_LOG_LIMIT));
  }

  function logPublished(message: PublishedMessage) {
    const payload = new TextEncoder().encode(message.payload);
    log({
      direction: "out",
      topic: message.topic,
      qos: message.qos,
      retain: message.retain,
      size: payload.length,
      payload,
      userProperties: message.userProperties,
    });
  }

  // The check's WebSocket is opened when a check is near (focus or pointer on
  // the form, or a check just ended), so the click starts at CONNECT.
  const warmSockets = useRef<WarmSockets | null>(null);
  // While a check runs, the screen follows at animation frames (use-frame-batch.ts),
  // after a first 100 ms in which a check on a near hub has ended: the
  // threshold below which a change on screen reads as instant.
  const { onNextFrame, flush: flushFrame, hold: holdScreen } = useFrameBatch();
  const isCheckRunning = useRef(false);
  // And the portal is asked ahead for the hub's confirmation of the check to come.
  const hubAhead = useRef<HubConfirmation | null>(null);
  const prepareSocket = () => {
    (warmSockets.current ??= new WarmSockets()).prepare(hubWebSocketUrl(window.location));
    if (!hubAhead.current || hubAhead.current.isSettled())
      hubAhead.current = askHub(newCheckMarker(), (marker, signal) => confirmWithHub(marker, signal, AHEAD_WAIT_S));
  };

  useEffect(
    () => () => {
      clientRef.current?.end(true);
      warmSockets.current?.discard();
      hubAhead.current?.cancel();
    },
    [],
  );

  // The hub keeps one session per device id: connecting here while the real
  // device is connected takes its session over. Ask first.
  const latestConversation = useLatestConversation(deviceId);
  const [isTakeoverAsked, setIsTakeoverAsked] = useState(false);
  /** When this page's own session last ended: presence lags a second or so behind it. */
  const ownSessionEndedAt = useRef(0);

  function onConnect(event: FormEvent) {
    event.preventDefault();
    const isDeviceOnline = isConnectedNow(latestConversation());
    const isOwnSessionRecent = clientRef.current !== null || Date.now() - ownSessionEndedAt.current < 10_000;
    if (isDeviceOnline && !isOwnSessionRecent) setIsTakeoverAsked(true);
    else void connect();
  }

  /**
   * The hub closes a taken-over session without a word (Mosquitto 2.0.11
   * sends no DISCONNECT then), but it logs it: the device's history says.
   */
  async function explainClose(connectedAt: number) {
    ownSessionEndedAt.current = Date.now();
    setDisconnectReason((current) => current ?? "Connection closed");
    const response = await fetch(`/api/devices/${deviceId}/history`, { cache: "no-store" }).catch(() => null);
    const { events = [] } = ((await response?.json().catch(() => null)) ?? {}) as {
      events?: { kind: string; at: string; detail: { cause?: string } }[];
    };
    const isTakenOver = events.some(
      (event) =>
        event.kind === "mqtt.disconnected" &&
        event.detail.cause === "taken-over" &&
        Date.parse(event.at) >= connectedAt - 5_000,
    );
    if (isTakenOver) setDisconnectReason((current) => (current === "Connection closed" ? TAKEN_OVER : current));
  }

  /** Ends this page's own session on purpose: its close needs no explaining (nor a history request during the next check). */
  function endOwnSession({ isForced }: { isForced: boolean }) {
    if (!clientRef.current) return;
    ownSessionEndedAt.current = Date.now();
    clientRef.current.removeAllListeners("close");
    clientRef.current.end(isForced);
    clientRef.current = null;
  }

  async function confirmWithHub(marker: string, signal: AbortSignal, waitSeconds?: number): Promise<boolean> {
    const wait = waitSeconds ? `&wait=${waitSeconds}` : "";
    const response = await fetch(`/api/devices/${deviceId}/online?marker=${marker}${wait}`, {
      cache: "no-store",
      signal,
    });
    return response.ok && ((await response.json()) as { online?: boolean }).online === true;
  }

  async function connect() {
    if (isCheckRunning.current) return;
    isCheckRunning.current = true;
    endOwnSession({ isForced: true });
    holdScreen(SCREEN_HOLD_MS);
    onNextFrame(() => {
      setCheckNumber((number) => number + 1);
      setIsTakeoverAsked(false);
      setSteps({});
      setSummary(null);
      setIsSessionShown(false);
      setMessages([]);
      setDisconnectReason(null);
      setIsRunning(true);
    });
    const url = hubWebSocketUrl(window.location);
    const result = await runConnectionCheck({
      url,
      deviceId,
      accessKey,
      warm: warmSockets.current?.take(url),
      confirmation: hubAhead.current,
      onStep: (step) => onNextFrame(() => setSteps((current) => ({ ...current, [step.key]: step }))),
      confirmWithHub,
    });
    hubAhead.current = null;
    isCheckRunning.current = false;
    if (result.ok && result.client) {
      clientRef.current = result.client;
      // The verdict shows with the last steps in one synchronous render; the
      // session's publish, subscribe and message views follow it.
      flushSync(() => {
        flushFrame();
        setIsRunning(false);
        setSummary({ ok: true, ms: result.totalMs });
      });
      startTransition(() => setIsSessionShown(true));
      // The next check's socket and question wait a task: this verdict first.
      setTimeout(prepareSocket, 0);
      result.client.on("message", (topic, payload, packet) =>
        log({
          direction: "in",
          topic,
          qos: packet.qos,
          retain: packet.retain,
          size: payload.length,
          payload: new Uint8Array(payload),
          userProperties: packet.properties?.userProperties ?? {},
        }),
      );
      result.client.on("packetreceive", (packet) => {
        if (packet.cmd !== "disconnect") return;
        const code = packet.reasonCode ?? 0;
        setDisconnectReason(code === 142 ? TAKEN_OVER : `${reasonName(code)} (${code})`);
      });
      const connectedAt = Date.now();
      result.client.on("close", () => void explainClose(connectedAt));
      return;
    }
    flushFrame();
    setIsRunning(false);
    prepareSocket();
    result.client?.end(true);
    if (result.refusedWith === undefined) {
      setSummary({ ok: false, text: "The hub could not be reached.", next: "Check that the portal's hub is running." });
      return;
    }
    const diagnosis = await diagnoseConnectionAction({ deviceId, accessKey });
    if (!diagnosis.ok)
      return setSummary({ ok: false, text: `Refused: ${reasonName(result.refusedWith)}. ${diagnosis.message}` });
    const cause: RefusalCause = diagnosis.cause;
    setSummary({ ok: false, text: REFUSAL_EXPLANATIONS[cause].title, next: REFUSAL_EXPLANATIONS[cause].next });
  }

  function disconnect() {
    endOwnSession({ isForced: false });
    setDisconnectReason("Disconnected by you");
  }

  return (
    <section aria-labelledby="live-check" className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="live-check" className="text-lg font-semibold text-slate-900">
        Live connection check
      </h2>
      <p className="text-sm text-slate-600">
        Connect from this browser as the device (MQTT v5), exactly as its firmware would.
      </p>
      <TakeoverDialog
        isOpen={isTakeoverAsked}
        onCancel={() => setIsTakeoverAsked(false)}
        onConnect={() => void connect()}
      />
      <form
        onSubmit={onConnect}
        onFocus={prepareSocket}
        onPointerEnter={prepareSocket}
        className="mt-4 flex flex-wrap items-end gap-2"
      >
        <AccessKeyInput />
        <Button type="submit" disabled={!accessKey || isRunning}>
          {isRunning ? "Connecting…" : "Connect"}
        </Button>
        {clientRef.current && !disconnectReason ? (
          <Button type="button" variant="secondary" onClick={disconnect}>
            Disconnect
          </Button>
        ) : null}
      </form>
      {Object.keys(steps).length > 0 ? (
        <ol aria-label="Connection steps" className="mt-4 space-y-2">
          {STEP_KEYS.map((key) => (
            <ConnectionStepRow key={key} step={steps[key] ?? { key, title: STEP_TITLES[key], status: "pending" }} />
          ))}
        </ol>
      ) : null}
      <div role="status" aria-live="polite" className="mt-4">
        {summary?.ok ? (
          <p
            key={checkNumber}
            data-check={checkNumber}
            className="rounded-md bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800"
          >
            Credentials verified live in {Math.round(summary.ms)} ms
          </p>
        ) : null}
        {summary && !summary.ok ? (
          <div
            key={checkNumber}
            data-check={checkNumber}
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            <p className="font-medium">{summary.text}</p>
            {summary.next ? <p className="mt-1">{summary.next}</p> : null}
          </div>
        ) : null}
        {summary?.ok && disconnectReason ? (
          <p className="mt-2 text-sm text-amber-800">Disconnected: {disconnectReason}</p>
        ) : null}
      </div>
      {summary?.ok && isSessionShown && clientRef.current && !disconnectReason ? (
        <>
          <PublishForm client={clientRef.current} prefix={prefix} onPublished={logPublished} />
          <SubscribeForm client={clientRef.current} prefix={prefix} />
        </>
      ) : null}
      {summary?.ok && isSessionShown ? (
        <LiveMessages
          deviceId={deviceId}
          messages={messages}
          isDisconnected={Boolean(disconnectReason)}
          onClear={() => setMessages([])}
        />
      ) : null}
    </section>
  );
}
