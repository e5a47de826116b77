import "server-only";
import { writeBehind } from "@/lib/runtime/write-behind";
import { AppError, isDatabaseBusy } from "../../errors";
import { storeTelemetry, type TelemetryEntry } from "./store-telemetry";

// Telemetry arrives a message at a time (1,000 a second from a fleet of
// 5,000 devices reporting every 5 s) and is stored in batches: one
// transaction at most every 25 ms instead of one per message (and the next
// batch right after it while messages keep coming). A caller that
// answers the device (HTTP) waits for its batch, so an answer means stored.
// A batch that found the database busy is retried with the next, each
// message up to MAX_ATTEMPTS times; past 50,000 waiting messages the oldest
// are refused, so a database that stays busy cannot exhaust memory.
const MAX_ATTEMPTS = 20;

type Pending = { entry: TelemetryEntry; attempts: number; settle: (error?: unknown) => void };

const buffer = writeBehind<Pending>({
  name: "telemetry-buffer",
  log: "telemetry",
  items: "telemetry messages",
  flushMs: 25,
  maxBatch: 2_000,
  maxPending: 50_000,
  whenFull: "drop-oldest",
  write: async (batch) => {
    await storeTelemetry(batch.map((item) => item.entry));
    for (const item of batch) item.settle();
  },
  retry: (batch, error) => {
    const again = isDatabaseBusy(error) ? batch.filter((item) => ++item.attempts < MAX_ATTEMPTS) : [];
    const kept = new Set(again);
    for (const item of batch) if (!kept.has(item)) item.settle(error);
    return again;
  },
  onDrop: (dropped) => {
    const behind = new AppError("DATABASE_BUSY", "the portal is behind storing telemetry; retry in a moment", {
      retryAfterSeconds: 5,
    });
    for (const item of dropped) item.settle(behind);
  },
});

const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Messages waiting to be stored (the metrics' queue depth). */
export const pendingTelemetryCount = buffer.pendingCount;

/** Queues one message; resolves once it is stored, rejects if it cannot be. */
export function queueTelemetry(entry: TelemetryEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    buffer.push({ entry, attempts: 0, settle: (error) => (error ? reject(toError(error)) : resolve()) });
  });
}

/** Stores everything queued so far, one batch at a time, after any write under way (tests, shutdown). */
export const flushTelemetry = buffer.flush;
