import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DEVICE_STATUS_LABELS, deviceStatus } from "@/lib/devices/device-status";
import { deviceListQuerySchema, type DeviceListQuery } from "@/lib/schemas/device-list";
import { db } from "@/lib/server/database/db";
import { changeDevices } from "@/lib/server/data/devices/change-devices";
import { exportDevicesCsv } from "@/lib/server/data/devices/export-devices-csv";
import { findDevicePresenceChanges } from "@/lib/server/data/devices/find-device-presence";
import { findSearchMatches, SEARCH_MATCH_CAP } from "@/lib/server/data/devices/find-search-matches";
import { onPostgres } from "@/lib/server/database/db-dialect";
import {
  countDevices,
  findFirmwareVersions,
  findModelRules,
  listDevices,
} from "@/lib/server/data/devices/list-devices";
import { recordDevicePresence } from "@/lib/server/data/devices/record-device-presence";
import { getOverview } from "@/lib/server/data/overview/get-overview";
import { parseCsv } from "@/lib/csv";
import type { DeviceHub } from "@/lib/hub/hub";
import { makeModel, makePartner } from "./support/partners";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

type Partner = Awaited<ReturnType<typeof makePartner>>;
let alpha: Partner;
let beta: Partner;
let mqttModel: string;
let httpModel: string;

async function addDevice(
  partner: Partner,
  modelId: string,
  fields: Partial<{
    sn: string;
    name: string;
    mac: string;
    cloudId: string;
    firmwareVersion: string;
    isEnabled: boolean;
    isConnected: boolean;
    lastSeenAt: Date;
    createdAt: Date;
  }> = {},
) {
  const id = randomUUID();
  await db.device.create({
    data: {
      id,
      partnerId: partner.partnerId,
      modelId,
      sn: fields.sn ?? `SN-${id.slice(0, 8)}`,
      firmwareVersion: fields.firmwareVersion ?? "1.0.0",
      accessKeyHash: randomUUID(),
      hubPasswordHash: "$7$101$x$y",
      ...fields,
    },
  });
  return id;
}

const query = (fields: Record<string, string> = {}): DeviceListQuery => deviceListQuerySchema.parse(fields);

async function all(partner: Partner, fields: Record<string, string> = {}, take = 3) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDevices({
      partnerId: partner.partnerId,
      query: { ...query(fields), cursor },
      take,
      now: NOW,
    });
    ids.push(...page.rows.map((row) => row.sn));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

// Devices (MQTT model, threshold 10 min unless said): online, stale (connected but silent), offline, never, disabled; one HTTP.
beforeAll(async () => {
  alpha = await makePartner("Alpha");
  beta = await makePartner("Beta");
  mqttModel = await makeModel(alpha, { name: "Thermostat", protocol: "MQTT" });
  httpModel = await makeModel(alpha, { name: "Meter", protocol: "HTTP" });
  const at = (minutes: number) => new Date(NOW.getTime() - 60 * 60_000 + minutes * 60_000);
  await addDevice(alpha, mqttModel, {
    sn: "T-ONLINE",
    name: "Lobby thermostat",
    isConnected: true,
    lastSeenAt: minutesAgo(1),
    createdAt: at(1),
    mac: "AA:BB:CC:00:00:01",
    firmwareVersion: "2.0.0",
  });
  await addDevice(alpha, mqttModel, {
    sn: "T-STALE",
    isConnected: true,
    lastSeenAt: minutesAgo(30),
    createdAt: at(2),
    cloudId: "cloud-xyz-7",
  });
  await addDevice(alpha, mqttModel, {
    sn: "T-OFFLINE",
    isConnected: false,
    lastSeenAt: minutesAgo(2),
    createdAt: at(3),
  });
  await addDevice(alpha, mqttModel, { sn: "T-NEVER", createdAt: at(4) });
  await addDevice(alpha, mqttModel, {
    sn: "T-DISABLED",
    isEnabled: false,
    isConnected: true,
    lastSeenAt: minutesAgo(1.5),
    createdAt: at(5),
  });
  await addDevice(alpha, httpModel, {
    sn: "M-RECENT",
    lastSeenAt: minutesAgo(3),
    createdAt: at(6),
    firmwareVersion: "2.0.0",
  });
  // Same serial numbers at another partner: never visible to Alpha.
  const betaModel = await makeModel(beta, { name: "Thermostat" });
  await addDevice(beta, betaModel, { sn: "T-ONLINE", isConnected: true, lastSeenAt: minutesAgo(1) });
  await addDevice(beta, betaModel, { sn: "T-STALE-B" });
});

describe("[FLEET] the device list", () => {
  it("pages through everything with a keyset cursor, in every sort, without repeats or gaps", async () => {
    const newest = ["M-RECENT", "T-DISABLED", "T-NEVER", "T-OFFLINE", "T-STALE", "T-ONLINE"];
    expect(await all(alpha)).toEqual(newest);
    expect(await all(alpha, { sort: "created_asc" })).toEqual([...newest].reverse());
    expect(await all(alpha, { sort: "last_seen_desc" }, 2)).toEqual([
      "T-ONLINE",
      "T-DISABLED",
      "T-OFFLINE",
      "M-RECENT",
      "T-STALE",
      "T-NEVER",
    ]);
  });

  it("computes status per model threshold: stale-connected is offline, HTTP needs no session, never and disabled are their own", async () => {
    const page = await listDevices({ partnerId: alpha.partnerId, query: query(), now: NOW });
    expect(Object.fromEntries(page.rows.map((row) => [row.sn, row.status]))).toEqual({
      "T-ONLINE": "online",
      "T-STALE": "offline",
      "T-OFFLINE": "offline",
      "T-NEVER": "never",
      "T-DISABLED": "disabled",
      "M-RECENT": "online",
    });
    // The SQL filter agrees with the row-by-row rule.
    for (const status of ["online", "offline", "never", "disabled"]) {
      const filtered = await listDevices({ partnerId: alpha.partnerId, query: query({ status }), now: NOW });
      expect(filtered.rows.every((row) => row.status === status)).toBe(true);
      expect(filtered.rows.length).toBe(page.rows.filter((row) => row.status === status).length);
    }
    // The same device turns offline once silent past the threshold.
    const online = page.rows.find((row) => row.sn === "T-ONLINE")!;
    expect(deviceStatus(online, online.model, new Date(NOW.getTime() + 10 * 60_000))).toBe("offline");
  });

  it("searches serial number, name, id, MAC and Cloud ID by prefix and substring, inside the partner only", async () => {
    const search = (q: string) => all(alpha, { q });
    expect(await search("T-ON")).toEqual(["T-ONLINE"]);
    expect(await search("lobby")).toEqual(["T-ONLINE"]);
    expect(await search("CC:00")).toEqual(["T-ONLINE"]);
    expect(await search("xyz")).toEqual(["T-STALE"]);
    const [someone] = await listDevices({ partnerId: alpha.partnerId, query: query({ q: "T-NEVER" }), now: NOW }).then(
      (p) => p.rows,
    );
    expect(await search(someone!.id.slice(4, 14))).toEqual(["T-NEVER"]);
    expect(await search("STALE")).toEqual(["T-STALE"]);
    expect(await all(beta, { q: "T-ONLINE" })).toEqual(["T-ONLINE"]);
    expect(await all(alpha, { q: "T-STALE-B" })).toEqual([]);
  });

  it("a search with a status, a model and a cursor lists the same whether its matches are read first or not", async () => {
    // More matches than the cap ("BULK-") take the list's order; fewer ("BULK-00") start from them (PostgreSQL).
    const partner = await makePartner("Search");
    const model = await makeModel(partner, { protocol: "MQTT" });
    const other = await makeModel(partner, { protocol: "HTTP" });
    const count = SEARCH_MATCH_CAP + 1;
    for (let start = 0; start < count; start += 2_000)
      await db.device.createMany({
        data: Array.from({ length: Math.min(2_000, count - start) }, (_, offset) => {
          const i = start + offset;
          return {
            id: randomUUID(),
            partnerId: partner.partnerId,
            modelId: i % 7 === 0 ? other : model,
            sn: `BULK-${String(i).padStart(5, "0")}`,
            name: i % 11 === 0 ? "Dock 5%_off" : null,
            firmwareVersion: "1.0.0",
            accessKeyHash: randomUUID(),
            hubPasswordHash: "$7$101$x$y",
            isConnected: i % 3 === 0,
            lastSeenAt: i % 5 === 0 ? null : minutesAgo(i % 2),
            createdAt: new Date(NOW.getTime() - i * 1_000),
          };
        }),
      });
    expect(await findSearchMatches({ partnerId: partner.partnerId, q: "BULK-" })).toBeNull();
    expect((await findSearchMatches({ partnerId: partner.partnerId, q: "BULK-00" }))?.length).toBe(1_000);
    const rows = await db.device.findMany({
      where: { partnerId: partner.partnerId },
      select: { id: true, sn: true, name: true, modelId: true, isEnabled: true, isConnected: true, lastSeenAt: true },
    });
    const rules = new Map((await findModelRules(partner.partnerId)).map((m) => [m.id, m]));
    // What the list must give, computed row by row (newest first is the serial numbers ascending).
    const expected = (term: string, status: string, modelId?: string) =>
      rows
        .filter((row) => (row.sn + (row.name ?? "")).toLowerCase().includes(term.toLowerCase()))
        .filter((row) => !modelId || row.modelId === modelId)
        .filter((row) => deviceStatus(row, rules.get(row.modelId)!, NOW) === status)
        .map((row) => row.sn)
        .sort();
    for (const [q, status, modelId] of [
      ["BULK-", "online", model],
      ["bulk-00", "online", undefined],
      ["BULK-00", "offline", model],
      ["BULK-012", "never", undefined],
      ["5%_o", "offline", undefined],
    ] as const) {
      const fields = { q, status, ...(modelId ? { model: modelId } : {}) };
      const want = expected(q, status, modelId);
      expect(want.length, q).toBeGreaterThan(0);
      expect(await all(partner, fields, 400), `${q} ${status}`).toEqual(want);
      const models = [...rules.values()];
      expect(await countDevices({ partnerId: partner.partnerId, query: query(fields), models, now: NOW })).toBe(
        want.length,
      );
    }
    // The last-seen order, never-seen last, ties by id descending.
    const seenOrder = rows
      .filter((row) => row.sn.startsWith("BULK-01"))
      .sort(
        (a, b) =>
          (b.lastSeenAt?.getTime() ?? -1) - (a.lastSeenAt?.getTime() ?? -1) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
      )
      .map((row) => row.sn);
    expect(await all(partner, { q: "BULK-01", sort: "last_seen_desc" }, 70)).toEqual(seenOrder);
    // The trigram read takes % and _ as the characters themselves.
    expect(await all(partner, { q: "5_%o" })).toEqual([]);
  });

  it("a search follows a rename and forgets a deleted device, also one deleted with its model", async () => {
    const partner = await makePartner("Rename");
    const model = await makeModel(partner, { protocol: "MQTT" });
    const doomed = await makeModel(partner, { protocol: "MQTT" });
    const renamed = await addDevice(partner, model, { sn: "REN-1", name: 'Hall "A" sensor', mac: "DE:AD:BE:EF:00:01" });
    const removed = await addDevice(partner, doomed, { sn: "REN-2", name: "Roof unit" });
    expect(await all(partner, { q: 'hall "a"' })).toEqual(["REN-1"]);
    expect(await all(partner, { q: "be:ef:00" })).toEqual(["REN-1"]);
    await db.device.update({ where: { id: renamed }, data: { name: "Basement probe" } });
    expect(await all(partner, { q: "Hall" })).toEqual([]);
    expect(await all(partner, { q: "basement" })).toEqual(["REN-1"]);
    expect(await all(partner, { q: "be:ef:00" })).toEqual(["REN-1"]);
    await db.deviceModel.delete({ where: { id: doomed } });
    expect(await all(partner, { q: "Roof" })).toEqual([]);
    // The search table keeps its own copy of the fields: nothing of the deleted device is left in it.
    const left = await db.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM "DeviceSearch" WHERE "id" IN (${onPostgres() ? "$1, $2" : "?, ?"})`,
      removed,
      renamed,
    );
    expect(left).toHaveLength(1);
  });

  it("online leaves out models with no device up, and still lists every online device of the others", async () => {
    const partner = await makePartner("Restart");
    const down = await makeModel(partner, { protocol: "MQTT" }); // every session ended by a broker restart
    const up = await makeModel(partner, { protocol: "MQTT" });
    const meter = await makeModel(partner, { protocol: "HTTP" });
    for (let i = 0; i < 5; i++) await addDevice(partner, down, { sn: `DOWN-${i}`, lastSeenAt: minutesAgo(1) });
    await addDevice(partner, up, { sn: "UP-ONLINE", isConnected: true, lastSeenAt: minutesAgo(1) });
    await addDevice(partner, up, { sn: "UP-STALE", isConnected: true, lastSeenAt: minutesAgo(60) });
    await addDevice(partner, meter, { sn: "METER-RECENT", lastSeenAt: minutesAgo(2) });
    await addDevice(partner, meter, { sn: "METER-NEVER" });
    expect((await all(partner, { status: "online" })).sort()).toEqual(["METER-RECENT", "UP-ONLINE"]);
    expect(await all(partner, { status: "online", model: down })).toEqual([]);
    expect((await all(partner, { status: "offline" })).sort()).toEqual([
      "DOWN-0",
      "DOWN-1",
      "DOWN-2",
      "DOWN-3",
      "DOWN-4",
      "UP-STALE",
    ]);
    expect(await all(partner, { status: "never" })).toEqual(["METER-NEVER"]);
  });

  it("filters by model and firmware, counts what matches, lists firmware versions", async () => {
    expect(await all(alpha, { model: httpModel })).toEqual(["M-RECENT"]);
    expect(await all(alpha, { firmware: "2.0.0" })).toEqual(["M-RECENT", "T-ONLINE"]);
    expect(await all(alpha, { firmware: "2.0.0", model: mqttModel, status: "online" })).toEqual(["T-ONLINE"]);
    const models = await findModelRules(alpha.partnerId);
    expect(
      await countDevices({ partnerId: alpha.partnerId, query: query({ status: "offline" }), models, now: NOW }),
    ).toBe(2);
    expect(await findFirmwareVersions(alpha.partnerId)).toEqual(["2.0.0", "1.0.0"]);
    // Another partner's model id finds nothing.
    const betaModel = (await findModelRules(beta.partnerId))[0]!.id;
    expect(await all(alpha, { model: betaModel })).toEqual([]);
  });

  it("refuses a malformed cursor and bad filters with a message", async () => {
    await expect(
      listDevices({ partnerId: alpha.partnerId, query: { ...query(), cursor: "not-a-cursor" } }),
    ).rejects.toThrow(/not valid/);
    expect(deviceListQuerySchema.safeParse({ status: "sleeping" }).error?.issues[0]?.message).toMatch(
      /status must be one of/,
    );
    expect(deviceListQuerySchema.safeParse({ q: "x".repeat(101) }).success).toBe(false);
  });

  it("exports the filtered list as CSV, every row once", async () => {
    const text = await new Response(
      exportDevicesCsv({ partnerId: alpha.partnerId, query: query({ model: mqttModel }) }),
    ).text();
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "id",
      "sn",
      "name",
      "model",
      "status",
      "last_seen_at",
      "firmware_version",
      "mac",
      "cloud_id",
      "created_at",
    ]);
    expect(rows.map((row) => row[1])).toEqual(["T-DISABLED", "T-NEVER", "T-OFFLINE", "T-STALE", "T-ONLINE"]);
    expect(rows.find((row) => row[1] === "T-ONLINE")?.[2]).toBe("Lobby thermostat");
  });

  it("exports, batch by batch, the list's own rows in its order for every sort and filter", async () => {
    const now = new Date();
    const csvOf = async (fields: Record<string, string>, batchSize: number) =>
      parseCsv(
        await new Response(exportDevicesCsv({ partnerId: alpha.partnerId, query: query(fields), batchSize })).text(),
      ).slice(1);
    for (const sort of ["created_desc", "created_asc", "last_seen_desc"]) {
      const filters: Array<Record<string, string>> = [
        {},
        { status: "offline" },
        { model: mqttModel },
        { q: "T-O" },
        { firmware: "2.0.0" },
      ];
      for (const filter of filters) {
        const fields = { ...filter, sort };
        const listed: string[][] = [];
        let cursor: string | undefined;
        do {
          const page = await listDevices({
            partnerId: alpha.partnerId,
            query: { ...query(fields), cursor },
            take: 3,
            now,
          });
          listed.push(
            ...page.rows.map((row) => [
              row.id,
              row.sn,
              row.name ?? "",
              row.model.name,
              DEVICE_STATUS_LABELS[row.status],
              row.lastSeenAt?.toISOString() ?? "",
              row.firmwareVersion,
              row.mac ?? "",
              row.cloudId ?? "",
              row.createdAt.toISOString(),
            ]),
          );
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(listed.length, JSON.stringify(fields)).toBeGreaterThan(0);
        // Batches of 2 cross many cursors; one batch of everything crosses none.
        expect(await csvOf(fields, 2), JSON.stringify(fields)).toEqual(listed);
        expect(await csvOf(fields, 2_000), JSON.stringify(fields)).toEqual(listed);
      }
    }
  });
});

describe("[FLEET] live status, bulk actions and overview", () => {
  it("the change feed answers only what changed since, for the partner's own devices", async () => {
    const partner = await makePartner("Feed");
    const model = await makeModel(partner);
    const id = await addDevice(partner, model);
    const foreign = await addDevice(alpha, mqttModel);
    const first = await findDevicePresenceChanges({ partnerId: partner.partnerId, ids: [id, foreign] });
    expect(first.devices.map((d) => d.id)).toEqual([id]);
    const quiet = await findDevicePresenceChanges({
      partnerId: partner.partnerId,
      ids: [id],
      since: first.at + 10_000,
    });
    expect(quiet.devices).toEqual([]);
    await recordDevicePresence([{ deviceId: id, isConnected: true, connectedAt: new Date(), lastSeenAt: new Date() }]);
    const changed = await findDevicePresenceChanges({ partnerId: partner.partnerId, ids: [id], since: first.at });
    expect(changed.devices).toMatchObject([{ id, isConnected: true }]);
  });

  it("bulk disable, enable and delete touch only the partner's devices, audit each and sync the hub once", async () => {
    const partner = await makePartner("Bulk");
    const model = await makeModel(partner);
    const ids = [await addDevice(partner, model), await addDevice(partner, model)];
    const foreign = await addDevice(alpha, mqttModel);
    const synced: string[][] = [];
    const hub = {
      syncDevices: (changed: readonly string[]) => Promise.resolve(void synced.push([...changed])),
    } as unknown as DeviceHub;
    const run = (action: "disable" | "enable" | "delete") =>
      changeDevices({ partnerId: partner.partnerId, actor: partner.actor, deviceIds: [...ids, foreign], action, hub });

    expect(await run("disable")).toEqual({ count: 2, isHubPending: false });
    expect(await db.device.count({ where: { id: { in: ids }, isEnabled: false } })).toBe(2);
    expect((await db.device.findUniqueOrThrow({ where: { id: foreign } })).isEnabled).toBe(true);
    await run("enable");
    expect(await db.device.count({ where: { id: { in: ids }, isEnabled: true } })).toBe(2);
    await run("delete");
    expect(await db.device.count({ where: { id: { in: ids } } })).toBe(0);
    expect(await db.device.count({ where: { id: foreign } })).toBe(1);
    expect(synced.map((changed) => changed.toSorted())).toEqual([ids.toSorted(), ids.toSorted(), ids.toSorted()]);
    expect(await db.auditEvent.count({ where: { partnerId: partner.partnerId, targetId: { in: ids } } })).toBe(6);
    await expect(run("delete")).rejects.toThrow(/None of the selected devices/);
  });

  it("the overview counts, charts registrations and connections per day, and ranks models by offline devices", async () => {
    const partner = await makePartner("Overview");
    const busy = await makeModel(partner, { name: "Busy" });
    const quiet = await makeModel(partner, { name: "Quiet" });
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    const a = await addDevice(partner, busy, { createdAt: yesterday, lastSeenAt: yesterday });
    await addDevice(partner, busy, { createdAt: yesterday, lastSeenAt: yesterday });
    await addDevice(partner, quiet, { createdAt: today });
    await recordDevicePresence([
      { deviceId: a, isConnected: true, connectedAt: today, lastSeenAt: today },
      { deviceId: a, isConnected: true, connectedAt: today, lastSeenAt: today },
    ]);
    const overview = await getOverview({ partnerId: partner.partnerId, now: today });
    expect(overview.counts).toEqual({
      models: 2,
      devices: 3,
      online: 1,
      registeredToday: 1,
      openIncidents: 0,
      devicesWithIncidents: 0,
    });
    expect(overview.perDay).toHaveLength(30);
    expect(overview.perDay.at(-1)).toMatchObject({ registrations: 1, connections: 2 });
    expect(overview.perDay.at(-2)).toMatchObject({ registrations: 2, connections: 0 });
    expect(overview.latest[0]?.model.name).toBe("Quiet");
    expect(overview.mostOffline).toEqual([{ modelId: busy, name: "Busy", offline: 1 }]);
  });
});
