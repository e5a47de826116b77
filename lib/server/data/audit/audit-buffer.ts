import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { logger } from "@/lib/runtime/logger";
import { db } from "../../db";
import { isDatabaseBusy } from "../../errors";
import { auditEventData, type AuditInput } from "./record-audit-event";

// High-volume events (device registrations, one per API call) are written in
// batches: one INSERT every 250 ms instead of a transaction per request,
// which with the libSQL driver opens a new SQLite connection each time. An
// event is queued only after the change it describes is complete; a crash
// can lose at most the last 250 ms of these events, never the change itself.
const FLUSH_MS = 250;
// A write that failed because the database was busy past its wait is retried
// with the next batch; past this many waiting events the oldest are dropped,
// so a database that stays busy cannot exhaust memory.
const MAX_PENDING = 50_000;

const buffer = processState<{
  pending: AuditInput[];
  timer: NodeJS.Timeout | null;
  /** The write under way, if any: a flush waits for it too. */
  writing: Promise<void> | null;
}>("audit-buffer", () => ({ pending: [], timer: null, writing: null }));

/** Events waiting to be written (the metrics' queue depth). */
export const pendingAuditEventCount = (): number => buffer.pending.length;

export function queueAuditEvent(input: AuditInput): void {
  buffer.pending.push(input);
  buffer.timer ??= setTimeout(() => void flushAuditEvents(), FLUSH_MS);
}

/**
 * Writes every queued event now (also used by tests and on shutdown). It
 * resolves once every event queued before it is written, those a write
 * already under way (the timer's) had taken included: otherwise a flush
 * called during that write found nothing left and returned before it ended.
 */
export function flushAuditEvents(): Promise<void> {
  if (buffer.timer) clearTimeout(buffer.timer);
  buffer.timer = null;
  const events = buffer.pending.splice(0);
  const previous = buffer.writing;
  const writing = (async () => {
    await previous;
    if (events.length > 0) await writeEvents(events);
  })();
  buffer.writing = writing;
  void writing.finally(() => {
    if (buffer.writing === writing) buffer.writing = null;
  });
  return writing;
}

async function writeEvents(events: AuditInput[]): Promise<void> {
  try {
    await db.auditEvent.createMany({ data: events.map(auditEventData) });
  } catch (error) {
    if (!isDatabaseBusy(error)) {
      logger("audit").error({ err: error }, `Writing ${events.length} audit events failed`);
      return;
    }
    buffer.pending.unshift(...events);
    const dropped = buffer.pending.splice(0, Math.max(0, buffer.pending.length - MAX_PENDING)).length;
    logger("audit").warn(
      `The database was busy; ${events.length} audit events wait for the next batch${dropped ? ` (${dropped} oldest dropped)` : ""}`,
    );
    buffer.timer ??= setTimeout(() => void flushAuditEvents(), FLUSH_MS);
  }
}
