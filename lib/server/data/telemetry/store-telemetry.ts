import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TelemetryBody, TelemetryValue } from "@/lib/schemas/telemetry";
import { sqlTransaction, type SqlRunner } from "../../database/db";
import { onPostgres } from "../../database/db-dialect";

/** One accepted telemetry message, waiting to be stored. */
export type TelemetryEntry = {
  deviceId: string;
  receivedAt: Date;
  body: TelemetryBody;
  via: "http" | "mqtt";
};

type MinuteRow = {
  deviceId: string;
  key: string;
  minute: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
};

// Rows per statement: every statement here stays under SQLite's 999 parameters.
const CHUNK = 100;

// A device clock ahead of ours by more than this is not trusted for charts.
const MAX_CLOCK_AHEAD_MS = 60_000;

function parseState(text: string | null): Record<string, TelemetryValue> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, TelemetryValue>;
  } catch {
    return {};
  }
}

/** When a message's values belong on the chart: the device's own time, unless its clock runs ahead. */
function chartTime(entry: TelemetryEntry): Date {
  const sent = entry.body.timestamp ? new Date(entry.body.timestamp) : null;
  return sent && sent.getTime() <= entry.receivedAt.getTime() + MAX_CLOCK_AHEAD_MS ? sent : entry.receivedAt;
}

/**
 * Stores a batch of telemetry in one transaction: each message, each device's
 * merged state (a later value replaces an earlier one, null removes a key,
 * `override` starts from nothing, as Xyte's device state works), and the
 * per-minute figures of numeric values that the charts read. Messages of
 * devices deleted meanwhile are skipped. Returns how many were stored. Plain
 * SQL in few multi-row statements, on the database's driver without Prisma's
 * client (sqlTransaction): at 1,200 messages a second, Prisma's cost per
 * query and per row was most of the portal's CPU (a CPU profile of
 * bench/conversation-ingest.bench.ts).
 */
export async function storeTelemetry(entries: readonly TelemetryEntry[]): Promise<number> {
  const ids = [...new Set(entries.map((entry) => entry.deviceId))];
  return sqlTransaction(async (sql) => {
    const devices: { id: string; telemetryState: string | null }[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      devices.push(
        ...(await sql.query<{ id: string; telemetryState: string | null }>(Prisma.sql`
          SELECT "id", "telemetryState" FROM "Device" WHERE "id" IN (${Prisma.join(ids.slice(start, start + CHUNK))})`)),
      );
    }
    const states = new Map(devices.map((device) => [device.id, parseState(device.telemetryState)]));
    const kept = entries.filter((entry) => states.has(entry.deviceId));
    const latest = new Map<string, TelemetryEntry>();
    const minutes = new Map<string, MinuteRow>();
    for (const entry of kept) {
      const state = entry.body.override ? {} : states.get(entry.deviceId)!;
      const minute = Math.floor(chartTime(entry).getTime() / 60_000);
      for (const [key, value] of Object.entries(entry.body.telemetries)) {
        if (value === null) delete state[key];
        else state[key] = value;
        if (typeof value !== "number") continue;
        const id = `${entry.deviceId}\n${key}\n${minute}`;
        const row = minutes.get(id);
        if (!row)
          minutes.set(id, {
            deviceId: entry.deviceId,
            key,
            minute,
            count: 1,
            sum: value,
            min: value,
            max: value,
            last: value,
          });
        else
          Object.assign(row, {
            count: row.count + 1,
            sum: row.sum + value,
            min: Math.min(row.min, value),
            max: Math.max(row.max, value),
            last: value,
          });
      }
      states.set(entry.deviceId, state);
      latest.set(entry.deviceId, entry);
    }
    if (kept.length === 0) return 0;
    await insertMessages(sql, kept);
    await addMinutes(sql, [...minutes.values()]);
    // In id order, as presence updates devices: same lock order, no deadlock (PostgreSQL).
    const ordered = [...latest.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
    await updateDeviceStates(sql, ordered, states);
    return kept.length;
  });
}

/** The messages themselves, as multi-row INSERTs. */
async function insertMessages(sql: SqlRunner, entries: TelemetryEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += CHUNK) {
    const rows = entries.slice(start, start + CHUNK).map((entry) => {
      const sentAt = entry.body.timestamp ? new Date(entry.body.timestamp) : null;
      const values = JSON.stringify(entry.body.telemetries);
      return Prisma.sql`(${entry.deviceId}, ${entry.receivedAt}, ${sentAt}, ${entry.body.status}, ${values}, ${entry.via})`;
    });
    await sql.execute(Prisma.sql`
      INSERT INTO "TelemetryMessage" ("deviceId", "receivedAt", "sentAt", "status", "values", "via")
      VALUES ${Prisma.join(rows)}`);
  }
}

/**
 * Each device's new state and status, and when it was last heard from, in
 * one statement per 100 devices: one UPDATE per device would be a Prisma
 * query each, and at 1,000 messages a second those queries cost more CPU
 * than everything else the ingest does (measured with a CPU profile).
 */
async function updateDeviceStates(
  sql: SqlRunner,
  latest: TelemetryEntry[],
  states: Map<string, Record<string, TelemetryValue>>,
): Promise<void> {
  for (let start = 0; start < latest.length; start += CHUNK) {
    const chunk = latest.slice(start, start + CHUNK);
    const when = (pick: (entry: TelemetryEntry) => string) =>
      Prisma.join(
        chunk.map((entry) => Prisma.sql`WHEN ${entry.deviceId} THEN ${pick(entry)}`),
        " ",
      );
    const heardAt = new Date(Math.max(...chunk.map((entry) => entry.receivedAt.getTime())));
    await sql.execute(Prisma.sql`
      UPDATE "Device" SET
        "telemetryState" = CASE "id" ${when((entry) => JSON.stringify(states.get(entry.deviceId)))} END,
        "telemetryStatus" = CASE "id" ${when((entry) => entry.body.status)} END,
        "telemetryAt" = ${heardAt},
        "lastSeenAt" = ${heardAt}
      WHERE "id" IN (${Prisma.join(chunk.map((entry) => entry.deviceId))})`);
  }
}

/** Adds a batch's per-minute figures to those stored. */
async function addMinutes(sql: SqlRunner, rows: MinuteRow[]): Promise<void> {
  // The two-argument min()/max() of SQLite are LEAST()/GREATEST() in PostgreSQL.
  const [least, greatest] = onPostgres() ? ["LEAST", "GREATEST"] : ["min", "max"];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const values = Prisma.join(
      rows
        .slice(start, start + CHUNK)
        .map(
          (r) =>
            Prisma.sql`(${r.deviceId}, ${r.key}, ${r.minute}, ${r.count}, ${r.sum}, ${r.min}, ${r.max}, ${r.last})`,
        ),
    );
    await sql.execute(Prisma.sql`
      INSERT INTO "TelemetryMinute" ("deviceId", "key", "minute", "count", "sum", "min", "max", "last")
      VALUES ${values}
      ON CONFLICT ("deviceId", "key", "minute") DO UPDATE SET
        "count" = "TelemetryMinute"."count" + excluded."count",
        "sum" = "TelemetryMinute"."sum" + excluded."sum",
        "min" = ${Prisma.raw(least)}("TelemetryMinute"."min", excluded."min"),
        "max" = ${Prisma.raw(greatest)}("TelemetryMinute"."max", excluded."max"),
        "last" = excluded."last"`);
  }
}
