// A kept fleet ages: its "online" devices were heard from when it was seeded,
// and after their model's threshold they are all offline. Before each run,
// the devices that were recent and connected at the last refresh (within 2
// minutes of the newest lastSeenAt) are moved forward to 30 minutes from now,
// so every run measures the mix the fleet was seeded with, to its end.
import { db } from "@/lib/server/database/db";
import { onPostgres } from "@/lib/server/database/db-dialect";

/** Returns how long the refresh took, in ms. */
export async function refreshFleetPresence(partnerId: string): Promise<number> {
  const t0 = performance.now();
  // A portal start with the embedded hub marks every device disconnected (no
  // session survives a broker start): put back the seed's connected devices,
  // those whose serial number ends in a number i with i % 10 from 3 to 6.
  const digit = onPostgres() ? `CAST(right("sn", 6) AS INTEGER) % 10` : `CAST(substr("sn", -6) AS INTEGER) % 10`;
  await db.$executeRawUnsafe(
    `UPDATE "Device" SET "isConnected" = (${digit} BETWEEN 3 AND 6)
     WHERE "partnerId" = $1 AND "lastSeenAt" IS NOT NULL AND "isConnected" <> (${digit} BETWEEN 3 AND 6)`.replace(
      "$1",
      onPostgres() ? "$1" : "?",
    ),
    partnerId,
  );
  if (onPostgres())
    await db.$executeRaw`
      WITH "latest" AS (SELECT MAX("lastSeenAt") AS "at" FROM "Device" WHERE "partnerId" = ${partnerId})
      UPDATE "Device" SET "lastSeenAt" = "lastSeenAt" + ((now() AT TIME ZONE 'UTC') + interval '30 minutes' - "latest"."at")
      FROM "latest"
      WHERE "partnerId" = ${partnerId} AND "isConnected" AND "lastSeenAt" >= "latest"."at" - interval '2 minutes'`;
  else
    await db.$executeRaw`
      UPDATE "Device"
      SET "lastSeenAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00', julianday("lastSeenAt") + julianday('now', '+30 minutes') -
        (SELECT julianday(MAX("lastSeenAt")) FROM "Device" WHERE "partnerId" = ${partnerId}))
      WHERE "partnerId" = ${partnerId} AND "isConnected" = 1 AND julianday("lastSeenAt") >=
        (SELECT julianday(MAX("lastSeenAt")) FROM "Device" WHERE "partnerId" = ${partnerId}) - 2.0 / 1440`;
  // PostgreSQL's statistics and visibility map as autovacuum would leave them
  // after a bulk load, so index-only counts need not visit the table.
  if (onPostgres()) await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Device"`);
  return performance.now() - t0;
}
