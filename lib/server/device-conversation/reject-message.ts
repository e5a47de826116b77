import "server-only";
import { recordDeviceEvents } from "../data/device-events/record-device-events";

export const REJECTED_MESSAGE = "message.rejected";

// A device sending malformed messages in a loop must not fill the database:
// each device's first few rejections a minute are kept one by one, then one
// event says the rest of that minute's are not.
const KEPT_PER_MINUTE = 20;
const PAYLOAD_SHOWN_BYTES = 1_024;

const globalForRejections = globalThis as unknown as { rejections?: Map<string, { minute: number; count: number }> };
const counts = (globalForRejections.rejections ??= new Map<string, { minute: number; count: number }>());

/** Keeps a message the portal could not accept, with why, on the device's page. */
export async function rejectMessage(options: {
  deviceId: string;
  topic: string;
  reason: string;
  payload: Buffer;
  at: Date;
}): Promise<void> {
  const minute = Math.floor(options.at.getTime() / 60_000);
  const seen = counts.get(options.deviceId);
  const count = seen?.minute === minute ? seen.count + 1 : 1;
  if (counts.size > 100_000) counts.clear();
  counts.set(options.deviceId, { minute, count });
  if (count > KEPT_PER_MINUTE + 1) return;
  const detail =
    count > KEPT_PER_MINUTE
      ? {
          topic: options.topic,
          reason: `more than ${KEPT_PER_MINUTE} rejected messages this minute: the rest of this minute's are not kept one by one`,
        }
      : {
          topic: options.topic,
          reason: options.reason,
          payload: options.payload.subarray(0, PAYLOAD_SHOWN_BYTES).toString("utf8"),
          bytes: options.payload.length,
        };
  await recordDeviceEvents([{ deviceId: options.deviceId, at: options.at, kind: REJECTED_MESSAGE, detail }]);
}
