import { processState } from "./process-state";
import { logger } from "./logger";

// The portal's high-volume writes (telemetry, device history, audit and
// webhook events) are queued in memory and written in batches: one statement
// every few milliseconds instead of one per message or request. This is the
// one mechanism behind all four: a timer that starts with the first queued
// item, writes one at a time (a flush waits for the write already under way,
// so what was queued before it is written when it returns), a bound on what
// may wait, and a retry of the items the owner says may be written later.

export type WriteBehindOptions<T> = {
  /** The process-wide slot of the queue (one per process, whichever bundle queues). */
  name: string;
  /** The logger's name, and what the items are called in its lines ("audit events"). */
  log: string;
  items: string;
  /** How long the first queued item waits for others before the write. */
  flushMs: number;
  /** At most this many items wait; past it the oldest are dropped, or the new one refused. */
  maxPending: number;
  whenFull: "drop-oldest" | "refuse-new";
  /** At most this many items in one write; the rest follow right after it. */
  maxBatch?: number;
  write: (batch: T[]) => Promise<void>;
  /**
   * After a failed write, the items to queue again (in front) for the next
   * timer; the others are lost, and logged as such. By default none is retried.
   */
  retry?: (batch: T[], error: unknown) => T[];
  /** Items the bound dropped or refused. */
  onDrop?: (items: T[]) => void;
};

export type WriteBehind<T> = {
  push: (item: T) => void;
  /** Writes everything queued so far, after any write under way (tests, shutdown). */
  flush: () => Promise<void>;
  /** Items waiting (the metrics' queue depth). */
  pendingCount: () => number;
};

type Queue<T> = { pending: T[]; timer: NodeJS.Timeout | null; writing: Promise<void> };

export function writeBehind<T>(options: WriteBehindOptions<T>): WriteBehind<T> {
  const queue = processState<Queue<T>>(options.name, () => ({
    pending: [],
    timer: null,
    writing: Promise.resolve(),
  }));
  const maxBatch = options.maxBatch ?? Number.POSITIVE_INFINITY;

  const schedule = (): void => {
    queue.timer ??= setTimeout(() => void flush(), options.flushMs);
  };

  const bound = (): void => {
    const dropped = queue.pending.splice(0, Math.max(0, queue.pending.length - options.maxPending));
    if (dropped.length > 0) options.onDrop?.(dropped);
  };

  const drain = async (): Promise<void> => {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, maxBatch);
      try {
        await options.write(batch);
      } catch (error) {
        const again = options.retry?.(batch, error) ?? [];
        const lost = batch.length - again.length;
        if (lost > 0) logger(options.log).error({ err: error }, `Writing ${lost} ${options.items} failed`);
        if (again.length === 0) continue;
        logger(options.log).warn(`The database was busy; ${again.length} ${options.items} wait for the next batch`);
        queue.pending.unshift(...again);
        bound();
        // Not at once: a database that stays busy is given the timer's pause.
        schedule();
        return;
      }
    }
  };

  const flush = (): Promise<void> => {
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = null;
    // Caught here too, so one broken write never breaks the chain for the next.
    queue.writing = queue.writing
      .then(drain)
      .catch((error: unknown) => logger(options.log).error({ err: error }, `Writing ${options.items} failed`));
    return queue.writing;
  };

  const push = (item: T): void => {
    if (options.whenFull === "refuse-new" && queue.pending.length >= options.maxPending) {
      options.onDrop?.([item]);
      return;
    }
    queue.pending.push(item);
    bound();
    schedule();
  };

  return { push, flush, pendingCount: () => queue.pending.length };
}
