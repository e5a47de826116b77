import "server-only";
import { getRunningHub } from "@/lib/hub/registry";
import { db } from "../../database/db";

/**
 * The live check's last step: true once the hub has received this check's
 * telemetry (its marker) from the device, up to `timeoutMs`. Proof, not a
 * time window: browser and server clocks, and request delays, do not matter.
 * The panel asks before it connects, so this request's own cost overlaps the
 * MQTT steps; the hub wakes it the moment the marker arrives. A hub that
 * cannot tell (EMQX) falls back to the device record.
 */
export async function waitForDeviceOnline(options: {
  partnerId: string;
  deviceId: string;
  marker: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<boolean> {
  const owned = await db.device.findFirst({
    where: { id: options.deviceId, partnerId: options.partnerId },
    select: { id: true },
  });
  if (!owned) return false;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const marked = getRunningHub()?.waitForMarker(owned.id, options.marker, timeoutMs, options.signal);
  if (marked) return marked;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !options.signal?.aborted) {
    const stored = await db.device.findUnique({
      where: { id: owned.id },
      select: { isConnected: true, lastSeenAt: true },
    });
    if (stored?.isConnected && stored.lastSeenAt && Date.now() - stored.lastSeenAt.getTime() < 10_000) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
