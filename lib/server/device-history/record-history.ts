import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { writeBehind } from "@/lib/runtime/write-behind";
import { countDeviceRefusal } from "@/lib/runtime/metrics";
import type { DeviceSessionEvent } from "@/lib/hub/hub";
import { HISTORY_KINDS, type RefusalCause } from "@/lib/device-history/history-events";
import { recordDeviceEvents, type DeviceEventInput } from "../data/device-events/record-device-events";
import { findRefusedDevices } from "../data/devices/find-refused-devices";
import { isDeviceId } from "@/lib/devices/device-id";

// A device's history is written in batches (every 100 ms), and bounded: a
// device's first KEPT_PER_MINUTE events of each minute are kept one by one,
// then one summary says the rest were counted. Attempts that did not prove
// the device's key (refused connects, HTTP calls answered 401) have a quota
// of their own: anyone who knows a device id can make them, and they must not
// crowd out what the device itself did. Attempts with ids that are no device
// are counted in memory, never stored: a storm of bad connects must not grow
// the database.
const KEPT_PER_MINUTE = 60;

type Pending = { event: DeviceSessionEvent } | { stored: DeviceEventInput };
type State = {
  perMinute: Map<string, { minute: number; count: number }>;
  unknownRefusals: number;
};
const state: State = processState<State>("device-history", () => ({ perMinute: new Map(), unknownRefusals: 0 }));

// A database that cannot keep up loses history, never the portal's memory:
// past 20,000 waiting events new ones are refused. A failed write is logged,
// not retried.
const buffer = writeBehind<Pending>({
  name: "device-history-buffer",
  log: "history",
  items: "device history events",
  flushMs: 100,
  maxPending: 20_000,
  whenFull: "refuse-new",
  write: async (batch) => {
    const events = await toStored(batch);
    await recordDeviceEvents(events.flatMap((event) => keep(event) ?? []));
  },
});

/** A session event from the hub, for the device's history. */
export function recordSessionEvent(event: DeviceSessionEvent): void {
  buffer.push({ event });
}

/** An event already in its stored form (HTTP calls, rejected messages). */
export function recordHistoryEvent(input: DeviceEventInput): void {
  buffer.push({ stored: input });
}

/** Refused connects by ids that are no device, since the portal started (operators' figure). */
export const unknownRefusalCount = (): number => state.unknownRefusals;

/** Events waiting to be written (the metrics' queue depth). */
export const pendingHistoryCount = buffer.pendingCount;

/** Writes what is waiting (also on shutdown and in tests), after any write in progress. */
export const flushHistory = buffer.flush;

/** Session events as stored rows; a refusal is attributed to the device it names, with its cause. */
async function toStored(batch: Pending[]): Promise<DeviceEventInput[]> {
  const refusals = batch.flatMap((item) => ("event" in item && item.event.type === "refused" ? [item.event] : []));
  const named = [...new Set(refusals.flatMap((r) => [r.username, r.clientId]).filter(isDeviceId))];
  const devices = new Map((await findRefusedDevices(named)).map((device) => [device.id, device]));
  const out: DeviceEventInput[] = [];
  for (const item of batch) {
    if ("stored" in item) {
      out.push(item.stored);
      continue;
    }
    const { event } = item;
    if (event.type !== "refused") {
      const { type, deviceId, at, ...detail } = event;
      out.push({ deviceId, at, kind: `mqtt.${type}`, detail });
      continue;
    }
    const byUsername = event.username ? devices.get(event.username) : undefined;
    const byClientId = event.clientId ? devices.get(event.clientId) : undefined;
    const device = byUsername ?? byClientId;
    if (!device) {
      state.unknownRefusals += 1;
      countDeviceRefusal("mqtt", "unknown-device");
      continue;
    }
    const cause: RefusalCause =
      event.verdict === "refused-protocol"
        ? "protocol"
        : event.verdict === "refused-client-id"
          ? "client-id"
          : !byUsername
            ? "username"
            : device.model.communicationProtocol !== "MQTT"
              ? "http-model"
              : !device.isEnabled
                ? "disabled"
                : "wrong-key";
    countDeviceRefusal("mqtt", cause);
    const { username, clientId, address, protocolVersion } = event;
    out.push({
      deviceId: device.id,
      at: event.at,
      kind: HISTORY_KINDS.refused,
      detail: { cause, username, clientId, address, protocolVersion },
    });
  }
  return out;
}

/** True for an event anyone could cause without the device's key. */
function isUnauthenticated(event: DeviceEventInput): boolean {
  if (event.kind === HISTORY_KINDS.refused) return true;
  return event.kind === HISTORY_KINDS.httpCall && (event.detail as { status?: unknown }).status === 401;
}

/**
 * The first events of each device's minute are kept one by one, its own and
 * unauthenticated attempts counted apart; the next of either becomes a
 * summary; the rest are counted.
 */
function keep(event: DeviceEventInput): DeviceEventInput | null {
  const isStranger = isUnauthenticated(event);
  const key = isStranger ? `${event.deviceId} unauthenticated` : event.deviceId;
  const minute = Math.floor(event.at.getTime() / 60_000);
  const seen = state.perMinute.get(key);
  const count = seen?.minute === minute ? seen.count + 1 : 1;
  if (state.perMinute.size > 100_000) state.perMinute.clear();
  state.perMinute.set(key, { minute, count });
  if (count <= KEPT_PER_MINUTE) return event;
  if (count > KEPT_PER_MINUTE + 1) return null;
  const detail = isStranger ? { kept: KEPT_PER_MINUTE, unauthenticated: true } : { kept: KEPT_PER_MINUTE };
  return { deviceId: event.deviceId, at: event.at, kind: HISTORY_KINDS.summary, detail };
}
