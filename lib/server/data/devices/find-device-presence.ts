import "server-only";
import { db } from "../../database/db";

// Presence is written in batches stamped with the time the hub saw the event,
// which can be a moment before the write lands: an answer "since T" looks
// back this far so an update stamped just before T is not missed.
const OVERLAP_MS = 5_000;

/**
 * The live list's change feed: of the given devices (those on screen), the
 * ones whose presence changed since `since` (ms), and the time to ask from
 * next. Primary-key lookups only, whatever the fleet's size.
 */
export async function findDevicePresenceChanges(options: {
  partnerId: string;
  ids: readonly string[];
  since?: number;
}) {
  const now = Date.now();
  if (options.ids.length === 0) return { at: now, devices: [] };
  const since = options.since === undefined ? undefined : new Date(options.since - OVERLAP_MS);
  const devices = await db.device.findMany({
    where: {
      partnerId: options.partnerId,
      id: { in: [...options.ids] },
      ...(since
        ? { OR: [{ lastSeenAt: { gte: since } }, { connectedAt: { gte: since } }, { disconnectedAt: { gte: since } }] }
        : {}),
    },
    select: { id: true, isEnabled: true, isConnected: true, lastSeenAt: true },
  });
  return { at: now, devices };
}
