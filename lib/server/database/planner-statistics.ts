import "server-only";
import { db } from "./db";
import { onPostgres } from "./db-dialect";

// SQLite chooses among a table's indexes by the statistics that only ANALYZE
// writes (sqlite_stat1); PostgreSQL's autovacuum keeps its own. Without them
// SQLite took a partner's recently-seen range for as narrow as one model's
// devices: "online" with an HTTP model read every device of the fleet seen
// lately and sorted them (89 ms at 100,000 devices), where the model's own
// index gives the page in 30 ms. The connection's analysis_limit
// (sqlite-adapter.ts) bounds each ANALYZE to 10,000 rows an index: 190 ms
// at 100,000 devices, where a full one took 260 ms and grows with the
// fleet, on the portal's one connection. Estimates from 10,000 rows keep the
// indexes' order of selectivity, which is all the planner's choice here needs.

/** Gathers the statistics at start when the database has none yet (a new one, or one from before they were kept). */
export async function analyzeIfNeverAnalyzed(): Promise<void> {
  if (onPostgres()) return;
  const kept = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'`,
  );
  if (kept.length > 0) {
    const device = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM sqlite_stat1 WHERE tbl = 'Device' LIMIT 1`);
    if (device.length > 0) return;
  }
  await db.$executeRawUnsafe(`ANALYZE`);
}

/**
 * Brings the statistics up to date where SQLite judges them stale for the
 * queries this connection has run (a table that grew or shrank a lot since);
 * nothing otherwise, which is the usual case. Run by the housekeeping round.
 */
export async function refreshPlannerStatistics(): Promise<void> {
  if (onPostgres()) return;
  await db.$queryRawUnsafe(`PRAGMA optimize`);
}
