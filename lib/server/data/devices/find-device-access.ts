import "server-only";
import type { AccessChange } from "@/lib/hub/access-change-feed";
import type { DeviceAccess, DeviceAccessRow } from "@/lib/hub/device-access-cache";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../../database/db";
import { onPostgres } from "../../database/db-dialect";
import { ACCESS_CHANGE_ACTIONS } from "./change-devices";
import { admittedDeviceWhere } from "./find-hub-credentials";

/** What the broker's auth hooks decide on: the key's hash of an admitted device, or null (unknown or not admitted). */
export function findDeviceAccess(deviceId: string): Promise<DeviceAccess> {
  return db.device.findFirst({ where: { id: deviceId, ...admittedDeviceWhere }, select: { accessKeyHash: true } });
}

const MAX_NAMED_MODELS = 500;

/** The MQTT models' ids as SQL (named: see listDeviceAccess), or a join past a few hundred of them. */
async function ofMqttModels(): Promise<Prisma.Sql> {
  const models = await db.deviceModel.findMany({
    where: admittedDeviceWhere.model,
    select: { id: true },
    take: MAX_NAMED_MODELS + 1,
  });
  if (models.length > MAX_NAMED_MODELS)
    return Prisma.sql`"modelId" IN (SELECT "id" FROM "DeviceModel" WHERE "communicationProtocol" = 'MQTT')`;
  return models.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`"modelId" IN (${Prisma.join(models.map((m) => m.id))})`;
}

/** "id key,id key,..." (neither holds a space or a comma) as rows. */
function parsePage(text: string | null): DeviceAccessRow[] {
  if (!text) return [];
  return text.split(",").map((entry) => {
    const space = entry.indexOf(" ");
    return { id: entry.slice(0, space), accessKeyHash: entry.slice(space + 1) };
  });
}

/**
 * One page of admitted devices: the auth cache's start-up fill, `after` the
 * cursor of the page before (undefined for the first), `size` blocks of the
 * table on PostgreSQL or devices on SQLite. The MQTT models are read first
 * and named: joined instead, PostgreSQL misjudged how many models match (a
 * table of a few dozen rows is never analyzed by autovacuum) and read and
 * sorted every admitted device per page (191 s for 800,000 devices).
 * PostgreSQL reads the table in its own order, a range of blocks at a time
 * (a TID range scan): in id order every row was a random heap read, and as
 * 5,000 Prisma rows a page the fill of 800,000 devices took 11 s; each page
 * comes back as one string. SQLite pages in id order.
 */
export async function listDeviceAccess(
  after?: string,
  size?: number,
): Promise<{ rows: DeviceAccessRow[]; next: string | undefined }> {
  const ofModels = await ofMqttModels();
  if (onPostgres()) {
    const from = Number(after ?? 0);
    const to = from + (size ?? 2_000);
    const [page] = await db.$queryRaw<Array<{ rows: string | null; blocks: number }>>`
      SELECT
        (SELECT string_agg("id" || ' ' || "accessKeyHash", ',') FROM "Device"
         WHERE "ctid" >= ${`(${from},0)`}::tid AND "ctid" < ${`(${to},0)`}::tid AND "isEnabled" AND ${ofModels}) AS "rows",
        (pg_relation_size('"Device"') / current_setting('block_size')::int)::int AS "blocks"`;
    return { rows: parsePage(page?.rows ?? null), next: to < (page?.blocks ?? 0) ? String(to) : undefined };
  }
  const [page] = await db.$queryRaw<Array<{ rows: string | null }>>`
    SELECT group_concat("id" || ' ' || "accessKeyHash", ',' ORDER BY "id") AS "rows" FROM (
      SELECT "id", "accessKeyHash" FROM "Device"
      WHERE "isEnabled" = TRUE AND ${ofModels} ${after ? Prisma.sql`AND "id" > ${after}` : Prisma.empty}
      ORDER BY "id" LIMIT ${size ?? 20_000}
    ) AS "page"`;
  const rows = parsePage(page?.rows ?? null);
  return { rows, next: rows.at(-1)?.id };
}

/** Credential changes recorded since `since`, by any portal process (read from the audit log). */
export async function findDeviceAccessChanges(since: Date): Promise<AccessChange[]> {
  const events = await db.auditEvent.findMany({
    where: { action: { in: ACCESS_CHANGE_ACTIONS }, createdAt: { gte: since } },
    select: { id: true, targetId: true, createdAt: true },
  });
  return events.map((event) => ({ eventId: event.id, deviceId: event.targetId, at: event.createdAt }));
}
