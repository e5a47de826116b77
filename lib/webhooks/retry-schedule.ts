// When a failed delivery is tried again: 15 s after the first failure, then
// doubling up to every 4 hours, for at least RETRY_WINDOW_MS after the event.
// A failure after the window ends the delivery (status "failed"); the
// partner can still replay it by hand.
export const RETRY_WINDOW_MS = 24 * 3_600_000;
const FIRST_DELAY_MS = 15_000;
const MAX_DELAY_MS = 4 * 3_600_000;

/** The next attempt after `attempts` failed ones, or null when the window is over. */
export function nextAttemptAfterFailure(createdAt: Date, attempts: number, now: Date): Date | null {
  if (now.getTime() - createdAt.getTime() >= RETRY_WINDOW_MS) return null;
  const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + delay);
}
