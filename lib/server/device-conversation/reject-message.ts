import "server-only";
import { HISTORY_KINDS } from "@/lib/device-history/history-events";
import { recordHistoryEvent } from "../device-history/record-history";

const PAYLOAD_SHOWN_BYTES = 1_024;

/** Keeps a message the portal could not accept, with why, in the device's history. */
export function rejectMessage(options: {
  deviceId: string;
  topic: string;
  reason: string;
  payload: Buffer;
  at: Date;
}): void {
  recordHistoryEvent({
    deviceId: options.deviceId,
    at: options.at,
    kind: HISTORY_KINDS.rejectedMessage,
    detail: {
      topic: options.topic,
      reason: options.reason,
      payload: options.payload.subarray(0, PAYLOAD_SHOWN_BYTES).toString("utf8"),
      bytes: options.payload.length,
    },
  });
}
