import "server-only";
import { deviceStatus, type DeviceStatus } from "@/lib/devices/device-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEVICE_PAGE_SIZE, type DeviceListQuery, type DeviceSort } from "@/lib/schemas/device-list";
import { db } from "../../database/db";
import { decodeCursor, keysetPage, type KeysetCursor } from "../keyset-cursor";
import { countDevicesByStatus, totalByStatus, type StatusCounts } from "../fleet-counts/count-devices-by-status";
import { readDeviceStateCounts, type DeviceStateCount } from "../fleet-counts/read-device-state-counts";
import { deviceListWhere, type ModelRule } from "./device-list-where";
import { DEVICE_ROW_SELECT, type DeviceRow } from "./device-row-select";
import { findListMatches } from "./find-list-matches";
import { filterSearchMatches } from "./find-search-matches";

// Keyset pagination (lib/server/data/keyset-cursor.ts): the cursor is the
// last row's sort value and id, so a deep page costs the same as the first
// (no OFFSET over 100,000 rows).
type Cursor = KeysetCursor;

type CreatedSort = Exclude<DeviceSort, "last_seen_desc">;

const ORDER: Record<CreatedSort, Prisma.DeviceOrderByWithRelationInput[]> = {
  created_desc: [{ createdAt: "desc" }, { id: "desc" }],
  created_asc: [{ createdAt: "asc" }, { id: "asc" }],
};

// The bound outside each OR lets the index start at the cursor; without it
// PostgreSQL read every row before it (712 ms at 80% of 1,000,000 devices).
function afterCreated(sort: CreatedSort, cursor: Cursor): Prisma.DeviceWhereInput {
  const at = new Date(cursor.value ?? 0);
  return sort === "created_desc"
    ? { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor.id } }] }
    : { createdAt: { gte: at }, OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: cursor.id } }] };
}

type ListedModel = ModelRule & { name: string };

export type DeviceListRow = DeviceRow & {
  model: ListedModel;
  status: DeviceStatus;
};

/** The partner's models with what decides their devices' status. */
export async function findModelRules(partnerId: string): Promise<ListedModel[]> {
  return db.deviceModel.findMany({
    where: { partnerId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, communicationProtocol: true, offlineThresholdMinutes: true },
  });
}

/**
 * Last seen first, never seen (NULL) last, ties by id: two reads, each in
 * the order of the (partnerId, lastSeenAt, id) index. A single ORDER BY ...
 * DESC NULLS LAST does not match that index on PostgreSQL, which then sorted
 * every match (1.3 s for the offline devices of 1,000,000).
 */
async function findBySeen(where: Prisma.DeviceWhereInput, cursor: Cursor | undefined, take: number) {
  const at = cursor?.value ? new Date(cursor.value) : null;
  const seen =
    cursor && !at
      ? []
      : await db.device.findMany({
          where: {
            AND: [
              where,
              { lastSeenAt: { not: null } },
              at && cursor
                ? {
                    lastSeenAt: { lte: at },
                    OR: [{ lastSeenAt: { lt: at } }, { lastSeenAt: at, id: { lt: cursor.id } }],
                  }
                : {},
            ],
          },
          orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
          take,
          select: DEVICE_ROW_SELECT,
        });
  if (seen.length === take) return seen;
  const never = await db.device.findMany({
    where: { AND: [where, { lastSeenAt: null }, cursor && !at ? { id: { lt: cursor.id } } : {}] },
    orderBy: { id: "desc" },
    take: take - seen.length,
    select: DEVICE_ROW_SELECT,
  });
  return [...seen, ...never];
}

/** Whether `a` comes before `b` in the list's order; never-seen devices come last in the last-seen order. */
function isBefore(a: DeviceRow, b: { at: Date | null; id: string }, sort: DeviceSort): boolean {
  const at = sort === "last_seen_desc" ? a.lastSeenAt : a.createdAt;
  const time = at?.getTime() ?? null;
  const other = b.at?.getTime() ?? null;
  if (time !== other) {
    if (sort === "created_asc") return time! < other!;
    if (time === null || other === null) return other === null;
    return time > other;
  }
  return sort === "created_asc" ? a.id < b.id : a.id > b.id;
}

/** One keyset page of search matches, sorted here: the same order and cursors as the database's pages. */
function pageOfMatches(matches: DeviceRow[], sort: DeviceSort, cursor: Cursor | undefined, take: number) {
  const key = (device: DeviceRow) => ({
    at: sort === "last_seen_desc" ? device.lastSeenAt : device.createdAt,
    id: device.id,
  });
  const after = cursor ? { at: cursor.value === null ? null : new Date(cursor.value), id: cursor.id } : undefined;
  return matches
    .filter((device) => !after || (!isBefore(device, after, sort) && device.id !== after.id))
    .sort((a, b) => (isBefore(a, key(b), sort) ? -1 : 1))
    .slice(0, take);
}

/** The raw rows of one keyset page and the next page's cursor (the export reads these directly). */
export async function findDevicePage(options: {
  partnerId: string;
  query: DeviceListQuery;
  models: readonly ModelRule[];
  take: number;
  now: Date;
}) {
  const { query, take } = options;
  const where = deviceListWhere(options.partnerId, query, options.models, options.now);
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const matches = await findListMatches({ partnerId: options.partnerId, query });
  const found = matches
    ? pageOfMatches(filterSearchMatches(matches, query, options.models, options.now), query.sort, cursor, take + 1)
    : query.sort === "last_seen_desc"
      ? await findBySeen(where, cursor, take + 1)
      : await db.device.findMany({
          where: cursor ? { AND: [where, afterCreated(query.sort, cursor)] } : where,
          orderBy: ORDER[query.sort],
          take: take + 1,
          select: DEVICE_ROW_SELECT,
        });
  return keysetPage(found, take, (row) => (query.sort === "last_seen_desc" ? row.lastSeenAt : row.createdAt));
}

/** What the kept counts say for one list's filters, read once and shared by its page, total and firmware filter. */
export type ListCounts = {
  /** The partner's kept counts per model, firmware and presence state. */
  groups: readonly DeviceStateCount[];
  /** Per model, its devices by status under the list's model and firmware filters. */
  perModel: ReadonlyMap<string, StatusCounts>;
  /** Whether online and offline were told apart (an index read of the silent devices per rule). */
  isSplit: boolean;
};

const isPresenceFilter = (query: DeviceListQuery) => query.status === "online" || query.status === "offline";

/**
 * The kept counts for the list's filters. Online and offline are told apart
 * when the status filter names one of them and either the total is wanted
 * (the count must be exact) or one model is asked for: one model's silent
 * devices are counted from its own index range, so a model whose devices are
 * all online answers "offline" without walking its 20,000 rows for none
 * (measured 30 ms of a 69 ms page at 1,000,000 devices).
 */
export async function readListCounts(options: {
  partnerId: string;
  query: DeviceListQuery;
  models: readonly ModelRule[];
  now: Date;
  forTotal: boolean;
}): Promise<ListCounts> {
  const { partnerId, query, models, now } = options;
  const isSplit = isPresenceFilter(query) && (options.forTotal || query.model !== undefined);
  const groups = readDeviceStateCounts(partnerId);
  const perModel = await countDevicesByStatus({
    partnerId,
    models,
    now,
    modelId: query.model,
    firmwareVersion: query.firmware,
    splitOnline: isSplit,
    groups,
  });
  return { groups: await groups, perModel, isSplit };
}

/**
 * The models whose devices the kept counts leave for the filters; none when
 * nothing can match. A combination that nobody has (online devices on a
 * firmware only offline ones run) would otherwise walk the whole fleet's
 * index looking for a first row (2.6 s at 1,000,000 devices). For "online",
 * a model without a device seen with its session up (MQTT) or seen at all
 * (HTTP) is left out of the query: when the broker's restart had marked every
 * MQTT device disconnected, PostgreSQL's statistics still said 40% were
 * connected and it walked the newest-first index through every device
 * looking for them (2.5 s). Counts that were not split do not tell online
 * from offline: either may hold any device seen with its session up.
 */
function modelsThatMayMatch(query: DeviceListQuery, models: readonly ModelRule[], counts: ListCounts): ModelRule[] {
  return models.filter((model) => {
    const modelCounts = counts.perModel.get(model.id);
    if (!modelCounts) return false;
    switch (query.status) {
      case undefined:
        return modelCounts.online + modelCounts.offline + modelCounts.never + modelCounts.disabled > 0;
      case "online":
        return modelCounts.online > 0;
      case "offline":
        // Without the split, time may have turned any online device offline.
        return modelCounts.offline > 0 || (!counts.isSplit && modelCounts.online > 0);
      default:
        return modelCounts[query.status] > 0;
    }
  });
}

/**
 * One page of the partner's devices for the list's filters, with each row's
 * status as of `now` and the cursor of the next page (null on the last).
 */
export async function listDevices(options: {
  partnerId: string;
  query: DeviceListQuery;
  models?: ListedModel[];
  take?: number;
  now?: Date;
  /** Read for this query already (readListCounts), e.g. for its total. */
  counts?: ListCounts | null;
}): Promise<{ rows: DeviceListRow[]; nextCursor: string | null }> {
  const { partnerId, query } = options;
  const now = options.now ?? new Date();
  const take = options.take ?? DEVICE_PAGE_SIZE;
  const models = options.models ?? (await findModelRules(partnerId));
  const candidates = query.q
    ? models
    : modelsThatMayMatch(
        query,
        models,
        options.counts ?? (await readListCounts({ partnerId, query, models, now, forTotal: false })),
      );
  if (candidates.length === 0) return { rows: [], nextCursor: null };
  // Only "online" names its models in the query; the others keep every rule.
  const ruling = query.status === "online" ? candidates : models;
  const { rows: page, nextCursor } = await findDevicePage({ partnerId, query, models: ruling, take, now });
  // Rows carry their model from the list already loaded: no join per page.
  let byId = new Map(models.map((model) => [model.id, model]));
  // A model created since `models` was read: read them again (rare).
  if (page.some((device) => !byId.has(device.modelId)))
    byId = new Map((await findModelRules(partnerId)).map((model) => [model.id, model]));
  const rows = page.map((device) => {
    const model = byId.get(device.modelId)!;
    return { ...device, model, status: deviceStatus(device, model, now) };
  });
  return { rows, nextCursor };
}

/**
 * How many devices match the filters (the list's "N devices"), from the kept
 * counts rather than the rows: a status filter over a million devices would
 * otherwise count hundreds of thousands of them on every page. A search has
 * no kept count; it is counted from the rows.
 */
export async function countDevices(options: {
  partnerId: string;
  query: DeviceListQuery;
  models: ModelRule[];
  now?: Date;
  /** Read for this query already (readListCounts with forTotal), e.g. for its page. */
  counts?: ListCounts | null;
}): Promise<number> {
  const { partnerId, query, models } = options;
  const now = options.now ?? new Date();
  if (query.q || query.incident) {
    const matches = await findListMatches({ partnerId, query });
    if (matches) return filterSearchMatches(matches, query, models, now).length;
    return db.device.count({ where: deviceListWhere(partnerId, { ...query, cursor: undefined }, models, now) });
  }
  // Counts read for the page alone may not tell online from offline.
  const counts =
    options.counts && (options.counts.isSplit || !isPresenceFilter(query))
      ? options.counts
      : await readListCounts({ partnerId, query, models, now, forTotal: true });
  const total = totalByStatus(counts.perModel);
  return query.status ? total[query.status] : total.online + total.offline + total.never + total.disabled;
}

/**
 * The firmware versions in the partner's fleet (or one model's), for the
 * filter, newest-sorting first: from the kept counts, so it no longer walks
 * the fleet's index (about 100 ms at 1,000,000 devices).
 */
export async function findFirmwareVersions(
  partnerId: string,
  modelId?: string,
  /** The kept counts, when the caller read them already (readListCounts). */
  kept?: readonly DeviceStateCount[],
): Promise<string[]> {
  const groups = kept ?? (await readDeviceStateCounts(partnerId));
  const versions = new Set(groups.filter((g) => !modelId || g.modelId === modelId).map((g) => g.firmwareVersion));
  return [...versions].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}
