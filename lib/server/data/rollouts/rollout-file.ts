import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { TtlCache } from "@/lib/runtime/ttl-cache";
import { db } from "../../database/db";

export type RolloutFile = { id: string; version: string };

// A rollout's file never changes, so the device API, which asks on every
// call of a device being updated, reads it once an hour at most.
const cache = processState("rollout-file", () => new TtlCache<RolloutFile>(3_600_000, 1_000));

/** The file a rollout delivers, or null for an unknown rollout. */
export function findRolloutFile(rolloutId: string): Promise<RolloutFile | null> {
  return cache.getOrLoad(rolloutId, async () => {
    const rollout = await db.firmwareRollout.findUnique({
      where: { id: rolloutId },
      select: { file: { select: { id: true, version: true } } },
    });
    return rollout?.file ?? null;
  });
}
