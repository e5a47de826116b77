import "server-only";
import { getRunningHub } from "@/lib/hub/registry";
import { db } from "../../db";

/**
 * True once the device is online and seen since `since` (up to `timeoutMs`).
 * The hub knows within milliseconds; the database (an external hub's only
 * source) within a second.
 */
export async function waitForDeviceOnline(options: { partnerId: string; deviceId: string; since: Date; timeoutMs?: number }): Promise<boolean> {
  const owned = await db.device.findFirst({ where: { id: options.deviceId, partnerId: options.partnerId }, select: { id: true } });
  if (!owned) return false;
  const isSeen = (p: { isConnected: boolean; lastSeenAt: Date | null } | null) => Boolean(p?.isConnected && p.lastSeenAt && p.lastSeenAt >= options.since);
  const deadline = Date.now() + (options.timeoutMs ?? 3_000);
  for (let round = 0; Date.now() < deadline; round++) {
    if (isSeen(getRunningHub()?.presenceOf(owned.id) ?? null)) return true;
    if (round % 10 === 9) {
      const stored = await db.device.findUnique({ where: { id: owned.id }, select: { isConnected: true, lastSeenAt: true } });
      if (isSeen(stored)) return true;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
