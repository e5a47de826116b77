import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../../database/db";
import { onPostgres } from "../../database/db-dialect";

// A claim older than this is taken to belong to a process that died while
// sending; another one takes the delivery over. Longer than a send can take.
export const CLAIM_LEASE_MS = 60_000;

export type ClaimedDelivery = {
  id: string;
  event: string;
  payload: string;
  attempts: number;
  createdAt: Date;
  endpoint: { id: string; url: string; secret: string };
};

/**
 * Claims up to `limit` due deliveries for `workerId` in one UPDATE, so two
 * portal processes never claim the same row: SQLite runs one writing
 * statement at a time; PostgreSQL's FOR UPDATE SKIP LOCKED makes a second
 * process pass over the rows the first one is claiming.
 */
export async function claimWebhookDeliveries(workerId: string, now: Date, limit: number): Promise<ClaimedDelivery[]> {
  const stale = new Date(now.getTime() - CLAIM_LEASE_MS);
  // A read first: an idle outbox (the usual case, polled every second) then
  // costs no write lock, which on SQLite every other writer would wait for.
  const due = await db.webhookDelivery.findFirst({
    where: { nextAttemptAt: { lte: now }, OR: [{ claimedAt: null }, { claimedAt: { lt: stale } }] },
    select: { id: true },
  });
  if (!due) return [];
  const lock = onPostgres() ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const claimed = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "WebhookDelivery" SET "claimedAt" = ${now}, "claimedBy" = ${workerId}
    WHERE "id" IN (
      SELECT "id" FROM "WebhookDelivery"
      WHERE "nextAttemptAt" <= ${now} AND ("claimedAt" IS NULL OR "claimedAt" < ${stale})
      ORDER BY "nextAttemptAt" LIMIT ${limit} ${lock}
    )
    RETURNING "id"`;
  if (claimed.length === 0) return [];
  const rows = await db.webhookDelivery.findMany({
    where: { id: { in: claimed.map((row) => row.id) }, claimedBy: workerId },
    select: {
      id: true,
      event: true,
      payload: true,
      attempts: true,
      createdAt: true,
      endpoint: { select: { id: true, url: true, secret: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows;
}
