import "server-only";
import { env } from "@/lib/env";
import { expireCommands } from "./data/commands/expire-commands";
import { deleteExpiredHistory } from "./data/telemetry/delete-expired-history";

const EVERY_MS = 60_000;

/** Runs one round: expires unanswered commands and deletes history past its retention. */
export async function runHousekeeping(now = new Date()): Promise<{ expired: number; deleted: number }> {
  const expired = await expireCommands(now);
  const deleted = await deleteExpiredHistory(new Date(now.getTime() - env().TELEMETRY_RETENTION_DAYS * 86_400_000));
  return { expired, deleted };
}

/**
 * Every minute, in the background. With several portal processes each runs
 * it; the rounds are idempotent. Returns a function that stops it.
 */
export function startHousekeeping(): () => Promise<void> {
  let round: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    round = runHousekeeping().catch((error: unknown) => console.error("Housekeeping failed", error));
  }, EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await round;
  };
}
