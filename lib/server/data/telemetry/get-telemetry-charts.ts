import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CHART_RANGES, type ChartRange } from "@/lib/schemas/telemetry";
import { db } from "../../db";

export type ChartPoint = { at: number; avg: number; min: number; max: number };
export type ChartSeries = { key: string; points: ChartPoint[] };

const MAX_SERIES = 12;

/**
 * The device's numeric telemetry over the last hour (per minute) or day (per
 * ten minutes), from the per-minute figures: at most 1,440 rows a key
 * whatever the device's reporting rate, summed in the database.
 */
export async function getTelemetryCharts(options: {
  deviceId: string;
  keys: readonly string[];
  range: ChartRange;
  now?: Date;
}): Promise<ChartSeries[]> {
  const keys = [...options.keys].sort().slice(0, MAX_SERIES);
  if (keys.length === 0) return [];
  const { minutes, bucket } = CHART_RANGES[options.range];
  const since = Math.floor((options.now ?? new Date()).getTime() / 60_000) - minutes;
  // The same SQL on SQLite and PostgreSQL: integer division, and sums cast so
  // that PostgreSQL returns numbers rather than bigints.
  const rows = await db.$queryRaw<
    Array<{ key: string; slot: number; count: number; sum: number; min: number; max: number }>
  >`
    SELECT "key", "minute" / ${bucket} AS slot,
      CAST(SUM("count") AS DOUBLE PRECISION) AS count, CAST(SUM("sum") AS DOUBLE PRECISION) AS sum,
      MIN("min") AS min, MAX("max") AS max
    FROM "TelemetryMinute"
    WHERE "deviceId" = ${options.deviceId} AND "minute" >= ${since} AND "key" IN (${Prisma.join(keys)})
    GROUP BY "key", slot
    ORDER BY "key", slot`;
  const series = new Map(keys.map((key) => [key, [] as ChartPoint[]]));
  for (const row of rows) {
    series.get(row.key)?.push({
      at: Number(row.slot) * bucket * 60_000,
      avg: Number(row.sum) / Number(row.count),
      min: Number(row.min),
      max: Number(row.max),
    });
  }
  return keys.map((key) => ({ key, points: series.get(key)! }));
}
