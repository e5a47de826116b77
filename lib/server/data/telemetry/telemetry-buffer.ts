import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { logger } from "@/lib/runtime/logger";
import { AppError, isDatabaseBusy } from "../../errors";
import { storeTelemetry, type TelemetryEntry } from "./store-telemetry";

// Telemetry arrives a message at a time (1,000 a second from a fleet of
// 5,000 devices reporting every 5 s) and is stored in batches: one
// transaction at most every FLUSH_MS instead of one per message (and the next
// batch right after it while messages keep coming). A caller that
// answers the device (HTTP) waits for its batch, so an answer means stored.
// A batch that found the database busy is retried with the next; past
// MAX_PENDING waiting messages the oldest are refused, so a database that
// stays busy cannot exhaust memory.
const FLUSH_MS = 25;
const MAX_BATCH = 2_000;
const MAX_PENDING = 50_000;
const MAX_ATTEMPTS = 20;

type Pending = { entry: TelemetryEntry; attempts: number; settle: (error?: unknown) => void };
type Queue = { pending: Pending[]; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };

// One buffer per process, whichever Next.js bundle (route handler, hub client) queues.
const buffer = processState<Queue>("telemetry-buffer", () => ({ pending: [], timer: null, flushing: null }));

const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Messages waiting to be stored (the metrics' queue depth). */
export const pendingTelemetryCount = (): number => buffer.pending.length;

/** Queues one message; resolves once it is stored, rejects if it cannot be. */
export function queueTelemetry(entry: TelemetryEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    buffer.pending.push({ entry, attempts: 0, settle: (error) => (error ? reject(toError(error)) : resolve()) });
    const overflow = buffer.pending.length - MAX_PENDING;
    for (const dropped of buffer.pending.splice(0, Math.max(0, overflow))) {
      dropped.settle(
        new AppError("DATABASE_BUSY", "the portal is behind storing telemetry; retry in a moment", {
          retryAfterSeconds: 5,
        }),
      );
    }
    schedule();
  });
}

function schedule(): void {
  buffer.timer ??= setTimeout(() => void flushTelemetry(), FLUSH_MS);
}

/** Stores everything queued so far (tests, shutdown); one batch at a time. */
export async function flushTelemetry(): Promise<void> {
  if (buffer.timer) clearTimeout(buffer.timer);
  buffer.timer = null;
  while (buffer.flushing) await buffer.flushing;
  if (buffer.pending.length === 0) return;
  buffer.flushing = writeBatches().finally(() => (buffer.flushing = null));
  await buffer.flushing;
}

async function writeBatches(): Promise<void> {
  while (buffer.pending.length > 0) {
    const batch = buffer.pending.splice(0, MAX_BATCH);
    try {
      await storeTelemetry(batch.map((item) => item.entry));
      for (const item of batch) item.settle();
    } catch (error) {
      const retry = isDatabaseBusy(error) ? batch.filter((item) => ++item.attempts < MAX_ATTEMPTS) : [];
      for (const item of batch) if (!retry.includes(item)) item.settle(error);
      if (!isDatabaseBusy(error))
        logger("telemetry").error({ err: error }, `Storing ${batch.length} telemetry messages failed`);
      buffer.pending.unshift(...retry);
      if (retry.length > 0) {
        schedule();
        return;
      }
    }
  }
}
