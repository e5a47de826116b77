import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CHART_RANGES, type ChartRange } from "@/lib/schemas/telemetry";
import { db } from "../../database/db";

export type ChartPoint = { at: number; avg: number; min: number; max: number; count: number };
export type ChartSeries = { key: string; points: ChartPoint[] };

const MAX_SERIES = 12;

/**
 * A device's numeric telemetry per key and bucket of `bucket` minutes, from
 * minute `since` (inclusive) to `until` (exclusive), read from the per-minute
 * figures: the cost follows the range, not the device's reporting rate.
 */
export async function readTelemetryBuckets(options: {
  deviceId: string;
  keys: readonly string[];
  since: number;
  until: number;
  bucket: number;
}): Promise<ChartSeries[]> {
  const { deviceId, keys, since, until } = options;
  if (keys.length === 0) return [];
  // The bucket is written into the SQL as an integer: bound as a parameter,
  // SQLite took it as a real and "minute" / 10.0 put every minute in a slot
  // of its own (a week per hour returned 10,080 rows a key, not 168).
  const bucket = Math.max(1, Math.trunc(options.bucket));
  // The same SQL on SQLite and PostgreSQL: integer division, and sums cast so
  // that PostgreSQL returns numbers rather than bigints.
  const rows = await db.$queryRaw<
    Array<{ key: string; slot: number; count: number; sum: number; min: number; max: number }>
  >`
    SELECT "key", "minute" / ${Prisma.raw(String(bucket))} AS slot,
      CAST(SUM("count") AS DOUBLE PRECISION) AS count, CAST(SUM("sum") AS DOUBLE PRECISION) AS sum,
      MIN("min") AS min, MAX("max") AS max
    FROM "TelemetryMinute"
    WHERE "deviceId" = ${deviceId} AND "minute" >= ${since} AND "minute" < ${until} AND "key" IN (${Prisma.join(keys)})
    GROUP BY "key", slot
    ORDER BY "key", slot`;
  const series = new Map(keys.map((key) => [key, [] as ChartPoint[]]));
  for (const row of rows) {
    series.get(row.key)?.push({
      at: Number(row.slot) * bucket * 60_000,
      avg: Number(row.sum) / Number(row.count),
      min: Number(row.min),
      max: Number(row.max),
      count: Number(row.count),
    });
  }
  return keys.map((key) => ({ key, points: series.get(key)! }));
}

/**
 * The numeric keys a device reported between two minutes (at most `limit`),
 * by name. In SQL: Prisma's `distinct` reads every row and drops the
 * repeats itself (a week of one key is 10,080 rows).
 */
export async function findTelemetryKeys(deviceId: string, since: number, until: number, limit: number) {
  const rows = await db.$queryRaw<Array<{ key: string }>>`
    SELECT DISTINCT "key" FROM "TelemetryMinute"
    WHERE "deviceId" = ${deviceId} AND "minute" >= ${since} AND "minute" < ${until}
    ORDER BY "key" LIMIT ${limit}`;
  return rows.map((row) => row.key);
}

/** The device page's charts: the last hour (per minute) or day (per ten minutes). */
export function getTelemetryCharts(options: {
  deviceId: string;
  keys: readonly string[];
  range: ChartRange;
  now?: Date;
}): Promise<ChartSeries[]> {
  const { minutes, bucket } = CHART_RANGES[options.range];
  const now = Math.floor((options.now ?? new Date()).getTime() / 60_000);
  return readTelemetryBuckets({
    deviceId: options.deviceId,
    keys: [...options.keys].sort().slice(0, MAX_SERIES),
    since: now - minutes,
    until: now + 1,
    bucket,
  });
}
