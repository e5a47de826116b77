import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { HISTORY_KINDS } from "@/lib/device-history/history-events";
import { recordHistoryEvent } from "./record-history";

// A device's HTTP calls in its history: every failure as it happens, and the
// calls that succeeded folded into one event per endpoint and minute (a
// device reporting every few seconds would otherwise write more history than
// telemetry).
type Folded = {
  deviceId: string;
  method: string;
  endpoint: string;
  status: number;
  minute: number;
  count: number;
  at: Date;
};
const calls = processState<{ folded: Map<string, Folded>; timer: NodeJS.Timeout | null }>("http-calls", () => ({
  folded: new Map<string, Folded>(),
  timer: null,
}));

/** One device API call by a known device: its endpoint (the path with the device id as {id}) and answer. */
export function recordHttpCall(call: {
  deviceId: string;
  method: string;
  path: string;
  status: number;
  message?: string | undefined;
  at?: Date;
}): void {
  const at = call.at ?? new Date();
  const endpoint = call.path.replace(call.deviceId, "{id}");
  if (call.status >= 300) {
    const detail = {
      method: call.method,
      endpoint,
      status: call.status,
      ...(call.message ? { message: call.message } : {}),
    };
    return recordHistoryEvent({ deviceId: call.deviceId, at, kind: HISTORY_KINDS.httpCall, detail });
  }
  const minute = Math.floor(at.getTime() / 60_000);
  const key = `${call.deviceId} ${call.method} ${endpoint} ${call.status}`;
  const folded = calls.folded.get(key);
  if (folded?.minute === minute) folded.count += 1;
  else {
    if (folded) write(folded);
    calls.folded.set(key, {
      deviceId: call.deviceId,
      method: call.method,
      endpoint,
      status: call.status,
      minute,
      count: 1,
      at,
    });
  }
  calls.timer ??= setTimeout(flushHttpCalls, 60_000).unref();
}

/** Writes the folded calls of past minutes (all of them with `isAll`, on shutdown and in tests). */
export function flushHttpCalls(isAll = false): void {
  calls.timer = null;
  const minute = Math.floor(Date.now() / 60_000);
  for (const [key, folded] of calls.folded) {
    if (!isAll && folded.minute >= minute) continue;
    write(folded);
    calls.folded.delete(key);
  }
  if (calls.folded.size > 0) calls.timer = setTimeout(flushHttpCalls, 60_000).unref();
}

function write(folded: Folded): void {
  const { deviceId, at, method, endpoint, status, count } = folded;
  recordHistoryEvent({ deviceId, at, kind: HISTORY_KINDS.httpCall, detail: { method, endpoint, status, count } });
}
