import "server-only";
import { writeBehind } from "@/lib/runtime/write-behind";
import { db } from "../../database/db";
import { isDatabaseBusy } from "../../errors";
import { auditEventData, type AuditInput } from "./record-audit-event";

// High-volume events (device registrations, one per API call) are written in
// batches: one INSERT every 250 ms instead of a transaction per request,
// which with the libSQL driver opens a new SQLite connection each time. An
// event is queued only after the change it describes is complete; a crash
// can lose at most the last 250 ms of these events, never the change itself.
// A write that found the database busy past its wait is retried with the
// next batch; past 50,000 waiting events the oldest are dropped, so a
// database that stays busy cannot exhaust memory.
const buffer = writeBehind<AuditInput>({
  name: "audit-buffer",
  log: "audit",
  items: "audit events",
  flushMs: 250,
  maxPending: 50_000,
  whenFull: "drop-oldest",
  write: async (events) => void (await db.auditEvent.createMany({ data: events.map(auditEventData) })),
  retry: (events, error) => (isDatabaseBusy(error) ? events : []),
});

/** Events waiting to be written (the metrics' queue depth). */
export const pendingAuditEventCount = buffer.pendingCount;

export const queueAuditEvent = buffer.push;

/** Writes every queued event now, those a write already under way had taken included (tests, shutdown). */
export const flushAuditEvents = buffer.flush;
