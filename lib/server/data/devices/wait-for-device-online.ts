import "server-only";
import { getRunningHub } from "@/lib/hub/registry";
import { db } from "../../db";

/**
 * The live check's last step: true once the hub has received this check's
 * telemetry (its marker) from the device, up to `timeoutMs`. Proof, not a
 * time window: browser and server clocks, and request delays, do not matter.
 * A hub that cannot tell (external) falls back to the device record.
 */
export async function waitForDeviceOnline(options: { partnerId: string; deviceId: string; marker: string; timeoutMs?: number }): Promise<boolean> {
  const owned = await db.device.findFirst({ where: { id: options.deviceId, partnerId: options.partnerId }, select: { id: true } });
  if (!owned) return false;
  const deadline = Date.now() + (options.timeoutMs ?? 3_000);
  for (let round = 0; Date.now() < deadline; round++) {
    const seen = getRunningHub()?.hasSeenMarker(owned.id, options.marker) ?? null;
    if (seen) return true;
    if (seen === null && round % 10 === 9) {
      const stored = await db.device.findUnique({ where: { id: owned.id }, select: { isConnected: true, lastSeenAt: true } });
      if (stored?.isConnected && stored.lastSeenAt && Date.now() - stored.lastSeenAt.getTime() < 10_000) return true;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
