import "server-only";
import { logger } from "@/lib/runtime/logger";
import { env } from "@/lib/env";
import { expireCommands } from "../data/commands/expire-commands";
import { trimDeviceEvents } from "../data/device-events/trim-device-events";
import { deleteExpiredHistory } from "../data/telemetry/delete-expired-history";
import { foldDeviceCountChanges } from "../data/fleet-counts/fold-device-count-changes";
import { findKnownFirmwareIds } from "../data/firmware/find-device-files";
import { sweepFirmwareStore } from "../firmware/firmware-store";
import { findKnownDumpIds } from "../data/dumps/dump-rows";
import { dumpStore } from "../dumps/dump-store";
import { refreshPlannerStatistics } from "../database/planner-statistics";

const EVERY_MS = 60_000;
// Readers of the fleet counts sum the changes not folded in yet: folding
// often keeps that sum short even while a fleet reconnects.
const FOLD_EVERY_MS = 5_000;
// Stored bytes (firmware, dumps) no row names are removed once this old: an upload stored
// but not yet committed takes milliseconds, a dead upload stops changing.
const STORE_SWEEP_GRACE_MS = 3_600_000;

/**
 * Runs one round: expires unanswered commands, deletes history past its
 * retention, keeps each device's history to its newest events, removes
 * firmware bytes no file names (a crash mid-delete or mid-upload), and
 * (SQLite) refreshes the query planner's statistics where they went stale.
 */
export async function runHousekeeping(now = new Date()): Promise<{ expired: number; deleted: number }> {
  const expired = await expireCommands(now);
  const cutoff = new Date(now.getTime() - env().TELEMETRY_RETENTION_DAYS * 86_400_000);
  const deleted = (await deleteExpiredHistory(cutoff)) + (await trimDeviceEvents(env().DEVICE_HISTORY_EVENTS));
  await sweepFirmwareStore(findKnownFirmwareIds, STORE_SWEEP_GRACE_MS);
  // Bytes of a deleted dump or device, or an upload a crash cut off.
  await dumpStore.sweep(findKnownDumpIds, STORE_SWEEP_GRACE_MS);
  await refreshPlannerStatistics();
  return { expired, deleted };
}

/**
 * Every minute (the fleet counts' fold every 5 s), in the background. With several portal processes each runs
 * it; the rounds are idempotent. Returns a function that stops it.
 */
export function startHousekeeping(): () => Promise<void> {
  let round: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    round = runHousekeeping().catch((error: unknown) =>
      logger("housekeeping").error({ err: error }, "Housekeeping failed"),
    );
  }, EVERY_MS);
  timer.unref();
  let fold: Promise<unknown> | null = null;
  const foldTimer = setInterval(() => {
    // One fold at a time: a long one (after a reconnect storm) is not queued behind.
    fold ??= foldDeviceCountChanges()
      .catch((error: unknown) => console.error("Folding the fleet counts failed", error))
      .finally(() => (fold = null));
  }, FOLD_EVERY_MS);
  foldTimer.unref();
  return async () => {
    clearInterval(timer);
    clearInterval(foldTimer);
    await Promise.all([round, fold]);
  };
}
