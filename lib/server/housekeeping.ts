import "server-only";
import { logger } from "@/lib/logger";
import { env } from "@/lib/env";
import { expireCommands } from "./data/commands/expire-commands";
import { trimDeviceEvents } from "./data/device-events/trim-device-events";
import { deleteExpiredHistory } from "./data/telemetry/delete-expired-history";

const EVERY_MS = 60_000;

/** Runs one round: expires unanswered commands, deletes history past its retention, and keeps each device's history to its newest events. */
export async function runHousekeeping(now = new Date()): Promise<{ expired: number; deleted: number }> {
  const expired = await expireCommands(now);
  const cutoff = new Date(now.getTime() - env().TELEMETRY_RETENTION_DAYS * 86_400_000);
  const deleted = (await deleteExpiredHistory(cutoff)) + (await trimDeviceEvents(env().DEVICE_HISTORY_EVENTS));
  return { expired, deleted };
}

/**
 * Every minute, in the background. With several portal processes each runs
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
  return async () => {
    clearInterval(timer);
    await round;
  };
}
