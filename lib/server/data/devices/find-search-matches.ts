import "server-only";
import { deviceStatus } from "@/lib/devices/device-status";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceListQuery } from "@/lib/schemas/device-list";
import { db } from "../../database/db";
import { onPostgres } from "../../database/db-dialect";
import type { ModelRule } from "./device-list-where";
import { DEVICE_ROW_SELECT, type DeviceRow } from "./device-row-select";

/**
 * Up to this many matches a search is read from its trigram index and
 * sorted (a few ms per thousand); a term with more matches is common enough
 * that reading the list's own order finds a page of them sooner.
 */
export const SEARCH_MATCH_CAP = 5_000;

/** `text` as a LIKE pattern that matches it anywhere, with its own % and _ taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// A device row's fields as SQL, from "Device" named d.
const MATCH_COLUMNS = Prisma.raw(
  Object.keys(DEVICE_ROW_SELECT)
    .map((column) => `d."${column}"`)
    .join(", "),
);

/**
 * The partner's devices (of one model, if given) whose serial number, name,
 * id, MAC or Cloud ID contains `q` in any case, read through a trigram
 * index on the DeviceSearch table (pg_trgm on PostgreSQL, FTS5 on SQLite;
 * kept by triggers on Device); null when there are more than
 * SEARCH_MATCH_CAP and for terms too short to have a trigram. The list
 * filters, sorts and pages these few rows itself: given the search in one
 * query with a status, PostgreSQL misjudged how rare both are together and
 * read the newest-first index until a page was full (0.5 s for "offline"
 * with "site 42" at 1,000,000 devices), and a query for the page among a
 * thousand ids spent 100 ms planning and looking them up again.
 */
export async function findSearchMatches(options: {
  partnerId: string;
  q: string;
  modelId?: string | undefined;
}): Promise<DeviceRow[] | null> {
  // Three characters, not UTF-16 units: a trigram index finds nothing shorter.
  if ([...options.q].length < 3) return null;
  const rows = onPostgres() ? await findOnPostgres(options) : await findOnSqlite(options);
  return rows && rows.length <= SEARCH_MATCH_CAP ? rows : null;
}

type SearchOptions = { partnerId: string; q: string; modelId?: string | undefined };

function findOnPostgres(options: SearchOptions): Promise<DeviceRow[]> {
  const pattern = containsPattern(options.q);
  // No ORDER BY: the planner reads the trigram index when it expects few
  // matches, and stops a scan early at the cap when it expects many.
  return db.$queryRaw<DeviceRow[]>`
    SELECT ${MATCH_COLUMNS} FROM "DeviceSearch" s JOIN "Device" d ON d."id" = s."id"
    WHERE s."partnerId" = ${options.partnerId}
      ${options.modelId ? Prisma.sql`AND s."modelId" = ${options.modelId}` : Prisma.empty}
      AND (s."sn" ILIKE ${pattern} OR s."name" ILIKE ${pattern} OR s."id" ILIKE ${pattern}
        OR s."mac" ILIKE ${pattern} OR s."cloudId" ILIKE ${pattern})
    LIMIT ${SEARCH_MATCH_CAP + 1}`;
}

/**
 * The FTS5 table holds every partner's devices, so the ids it finds are
 * read back within the partner. More hits than the cap (over all partners)
 * is a common term: null, and the list reads its own order instead.
 */
async function findOnSqlite(options: SearchOptions): Promise<DeviceRow[] | null> {
  // A phrase of trigrams is a substring match; its quotes are doubled inside.
  const phrase = `"${options.q.replace(/"/g, '""')}"`;
  const hits = await db.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "DeviceSearch" WHERE "DeviceSearch" MATCH ${phrase} LIMIT ${SEARCH_MATCH_CAP + 1}`;
  if (hits.length > SEARCH_MATCH_CAP) return null;
  if (hits.length === 0) return [];
  // The ids as one JSON parameter: a thousand of them would pass Prisma's limit of parameters for SQLite.
  return db.$queryRaw<DeviceRow[]>`
    SELECT ${MATCH_COLUMNS} FROM "Device" d
    WHERE d."id" IN (SELECT "value" FROM json_each(${JSON.stringify(hits.map((hit) => hit.id))}))
      AND d."partnerId" = ${options.partnerId}
      ${options.modelId ? Prisma.sql`AND d."modelId" = ${options.modelId}` : Prisma.empty}`;
}

/** The matches that pass the list's firmware and status filters (the search and model were applied in SQL). */
export function filterSearchMatches(
  matches: readonly DeviceRow[],
  query: Pick<DeviceListQuery, "firmware" | "status">,
  models: readonly ModelRule[],
  now: Date,
): DeviceRow[] {
  const rules = new Map(models.map((model) => [model.id, model]));
  return matches.filter((device) => {
    if (query.firmware !== undefined && device.firmwareVersion !== query.firmware) return false;
    if (query.status === undefined) return true;
    const rule = rules.get(device.modelId);
    return rule !== undefined && deviceStatus(device, rule, now) === query.status;
  });
}
