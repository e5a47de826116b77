import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DEVICE_STATUSES, deviceStatus, type DeviceStatus } from "@/lib/devices/device-status";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { db } from "@/lib/server/database/db";
import { changeDevices } from "@/lib/server/data/devices/change-devices";
import {
  countDevices,
  findFirmwareVersions,
  findModelRules,
  listDevices,
  readListCounts,
  type ListCounts,
} from "@/lib/server/data/devices/list-devices";
import { recordDevicePresence } from "@/lib/server/data/devices/record-device-presence";
import { foldDeviceCountChanges } from "@/lib/server/data/fleet-counts/fold-device-count-changes";
import { getOverview, utcDay } from "@/lib/server/data/overview/get-overview";
import type { DeviceHub } from "@/lib/hub/hub";
import { makeModel, makePartner } from "./support/partners";

// Every status filter of the device list, alone and with a model, a firmware
// and a search, and the overview's figures, against the same figures computed
// the slow way: every device read and judged by deviceStatus, the rule the
// browser applies too. The counts come from kept counters and an index
// (lib/server/data/fleet-counts), so the fleet is changed in every way the
// portal changes devices, also concurrently, and compared again.

const NOW = new Date();
const MINUTE = 60_000;
const DAY = 86_400_000;
const FIRMWARE = ["1.0.0", "2.0.0", "2.1.0"];
const noHub = { syncDevices: () => Promise.resolve() } as unknown as DeviceHub;

type Partner = Awaited<ReturnType<typeof makePartner>>;
let partner: Partner;
let fast: string; // MQTT, offline after 5 min of silence
let slow: string; // MQTT, 30 min
let meter: string; // HTTP, 10 min

let serial = 0;
type DeviceFields = { lastSeenAt: Date | null; isConnected: boolean; isEnabled: boolean; createdAt: Date };

async function addDevice(modelId: string, fields: Partial<DeviceFields> = {}) {
  const id = randomUUID();
  serial++;
  await db.device.create({
    data: {
      id,
      partnerId: partner.partnerId,
      modelId,
      sn: `FC-${String(serial).padStart(4, "0")}`,
      name: serial % 3 === 0 ? `Unit at site ${serial % 4}` : null,
      firmwareVersion: FIRMWARE[serial % FIRMWARE.length]!,
      accessKeyHash: randomUUID(),
      hubPasswordHash: "$7$101$x$y",
      createdAt: new Date(NOW.getTime() - (serial % 35) * DAY - serial * 1000),
      ...fields,
    },
  });
  return id;
}

/** Every kind of presence, per model, around each model's threshold (exactly on it counts as online). */
async function addFleet(modelId: string, thresholdMinutes: number) {
  const silent = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE);
  const boundary = new Date(NOW.getTime() - thresholdMinutes * MINUTE);
  const seen = [
    null,
    silent(0.5),
    boundary,
    new Date(boundary.getTime() - 1),
    silent(thresholdMinutes + 60),
    silent(3 * 24 * 60),
  ];
  for (const lastSeenAt of seen)
    for (const isConnected of [true, false])
      for (const isEnabled of [true, true, false]) await addDevice(modelId, { lastSeenAt, isConnected, isEnabled });
}

const query = (fields: Record<string, string> = {}) => deviceListQuerySchema.parse(fields);

/** The slow way: every device of the partner, judged one by one. */
async function judgedDevices(now: Date) {
  const models = new Map((await findModelRules(partner.partnerId)).map((model) => [model.id, model]));
  const devices = await db.device.findMany({
    where: { partnerId: partner.partnerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return devices.map((device) => ({ ...device, status: deviceStatus(device, models.get(device.modelId)!, now) }));
}

async function listAll(fields: Record<string, string>, now: Date, counts?: ListCounts) {
  const sns: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDevices({
      partnerId: partner.partnerId,
      query: { ...query(fields), cursor },
      take: 7,
      now,
      counts,
    });
    for (const row of page.rows) sns.push(row.sn);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return sns;
}

/** Every status filter alone and with model, firmware and search: the list and its count against the slow way. */
async function expectListMatches(now: Date) {
  const judged = await judgedDevices(now);
  const models = await findModelRules(partner.partnerId);
  const versions = (devices: typeof judged) => [...new Set(devices.map((d) => d.firmwareVersion))].sort().reverse();
  expect(await findFirmwareVersions(partner.partnerId)).toEqual(versions(judged));
  expect(await findFirmwareVersions(partner.partnerId, meter)).toEqual(
    versions(judged.filter((d) => d.modelId === meter)),
  );
  const filters: Record<string, string>[] = [
    {},
    { model: fast },
    { model: meter },
    { firmware: "2.0.0" },
    { q: "site 1" },
    { model: slow, firmware: "1.0.0" },
    { model: fast, firmware: "2.1.0", q: "FC-0" },
    { sort: "last_seen_desc" },
    { sort: "last_seen_desc", model: meter },
  ];
  // Last seen first, never seen last, ties by id (the list's own order).
  const bySeen = [...judged].sort(
    (a, b) => (b.lastSeenAt?.getTime() ?? -Infinity) - (a.lastSeenAt?.getTime() ?? -Infinity) || (a.id < b.id ? 1 : -1),
  );
  for (const filter of filters)
    for (const status of [undefined, ...DEVICE_STATUSES]) {
      const fields = status ? { ...filter, status } : filter;
      const q = filter.q?.toLowerCase() ?? "";
      const expected = (filter.sort ? bySeen : judged)
        .filter((d) => !status || d.status === status)
        .filter((d) => !filter.model || d.modelId === filter.model)
        .filter((d) => !filter.firmware || d.firmwareVersion === filter.firmware)
        .filter((d) => !filter.q || [d.sn, d.name, d.id, d.mac, d.cloudId].some((v) => v?.toLowerCase().includes(q)))
        .map((d) => d.sn);
      const label = JSON.stringify(fields);
      expect(await listAll(fields, now), label).toEqual(expected);
      expect(await countDevices({ partnerId: partner.partnerId, query: query(fields), models, now }), label).toBe(
        expected.length,
      );
      if (filter.q) continue;
      // As the devices page reads them: the kept counts once, for its page, total and firmware filter.
      const counts = await readListCounts({
        partnerId: partner.partnerId,
        query: query(fields),
        models,
        now,
        forTotal: true,
      });
      expect(await listAll(fields, now, counts), `${label} with shared counts`).toEqual(expected);
      expect(await countDevices({ partnerId: partner.partnerId, query: query(fields), models, now, counts })).toBe(
        expected.length,
      );
      expect(await findFirmwareVersions(partner.partnerId, filter.model, counts.groups)).toEqual(
        await findFirmwareVersions(partner.partnerId, filter.model),
      );
    }
}

/** The overview against the slow way: counts, 30 days of registrations and connections, models most offline. */
async function expectOverviewMatches(now: Date) {
  const judged = await judgedDevices(now);
  const overview = await getOverview({ partnerId: partner.partnerId, now });
  const models = await findModelRules(partner.partnerId);
  const registeredOn = (day: string) => judged.filter((d) => d.createdAt.toISOString().slice(0, 10) === day).length;
  const openIncidents = await db.incident.findMany({
    where: { partnerId: partner.partnerId, status: "active" },
    select: { deviceId: true },
  });
  expect(overview.counts).toEqual({
    models: models.length,
    devices: judged.length,
    online: judged.filter((d) => d.status === "online").length,
    registeredToday: registeredOn(utcDay(now)),
    openIncidents: openIncidents.length,
    devicesWithIncidents: new Set(openIncidents.map((incident) => incident.deviceId)).size,
  });
  const stats = await db.partnerDailyStat.findMany({ where: { partnerId: partner.partnerId } });
  expect(overview.perDay).toEqual(
    Array.from({ length: 30 }, (_, i) => {
      const day = utcDay(now, 29 - i);
      return { day, registrations: registeredOn(day), connections: stats.find((s) => s.day === day)?.connections ?? 0 };
    }),
  );
  const offline = (modelId: string) => judged.filter((d) => d.modelId === modelId && d.status === "offline").length;
  expect(overview.mostOffline).toEqual(
    models
      .map((model) => ({ modelId: model.id, name: model.name, offline: offline(model.id) }))
      .filter((model) => model.offline > 0)
      .sort((a, b) => b.offline - a.offline)
      .slice(0, 5),
  );
}

const statusOf = async (id: string, now: Date): Promise<DeviceStatus> =>
  (await judgedDevices(now)).find((d) => d.id === id)!.status;

beforeAll(async () => {
  partner = await makePartner("Counts");
  fast = await makeModel(partner, { name: "Fast", offlineThresholdMinutes: 5 });
  slow = await makeModel(partner, { name: "Slow", offlineThresholdMinutes: 30 });
  meter = await makeModel(partner, { name: "Meter", protocol: "HTTP", offlineThresholdMinutes: 10 });
  await addFleet(fast, 5);
  await addFleet(slow, 30);
  await addFleet(meter, 10);
  // Another partner's devices never count.
  const other = await makePartner("Other counts");
  const otherModel = await makeModel(other);
  await db.device.create({
    data: {
      id: randomUUID(),
      partnerId: other.partnerId,
      modelId: otherModel,
      sn: "FC-0001",
      firmwareVersion: "1.0.0",
      accessKeyHash: randomUUID(),
      hubPasswordHash: "$7$101$x$y",
      isConnected: true,
      lastSeenAt: NOW,
    },
  });
});

describe("[FLEET] status filters and counts", () => {
  it("every status filter, alone and with model, firmware and search, lists and counts what the slow way finds", async () => {
    await expectListMatches(NOW);
  });

  it("as time passes, devices turn offline by their model's threshold, in the list and its counts", async () => {
    await expectListMatches(new Date(NOW.getTime() + 6 * MINUTE));
    await expectListMatches(new Date(NOW.getTime() + 31 * MINUTE));
  });

  it("the overview's counts, 30-day chart and most-offline models match the slow way, before and after a fold", async () => {
    await expectOverviewMatches(NOW);
    await foldDeviceCountChanges();
    expect(await db.deviceCountChange.count({ where: { partnerId: partner.partnerId } })).toBe(0);
    await expectOverviewMatches(NOW);
    await expectOverviewMatches(new Date(NOW.getTime() + 11 * MINUTE));
  });

  it("stays exact through registrations, presence, firmware changes, bulk actions and deletions", async () => {
    const added = [await addDevice(fast), await addDevice(meter, { createdAt: NOW })];
    const [first, second] = added as [string, string];
    await recordDevicePresence([
      { deviceId: first, isConnected: true, connectedAt: NOW, lastSeenAt: NOW },
      { deviceId: second, isConnected: false, lastSeenAt: NOW },
    ]);
    expect(await statusOf(first, NOW)).toBe("online");
    await db.device.update({ where: { id: second }, data: { firmwareVersion: "9.9.9" } });
    await expectListMatches(NOW);
    await expectOverviewMatches(NOW);
    await foldDeviceCountChanges(3);
    await recordDevicePresence([{ deviceId: first, isConnected: false, disconnectedAt: NOW, lastSeenAt: NOW }]);
    await changeDevices({ ...partner, deviceIds: added, action: "disable", hub: noHub });
    await expectOverviewMatches(NOW);
    await changeDevices({ ...partner, deviceIds: added, action: "enable", hub: noHub });
    await changeDevices({ ...partner, deviceIds: [first], action: "delete", hub: noHub });
    await expectListMatches(NOW);
    await expectOverviewMatches(NOW);
  });

  it("stays exact when registrations, presence, bulk changes and folds run at the same time", async () => {
    const existing = (await judgedDevices(NOW)).map((d) => d.id);
    const writes = [
      ...Array.from({ length: 12 }, (_, i) => () => addDevice([fast, slow, meter][i % 3]!, { createdAt: NOW })),
      ...existing
        .slice(0, 24)
        .map(
          (deviceId, i) => () =>
            recordDevicePresence([
              i % 2 === 0
                ? { deviceId, isConnected: true, connectedAt: NOW, lastSeenAt: NOW }
                : { deviceId, isConnected: false, disconnectedAt: NOW, lastSeenAt: NOW },
            ]),
        ),
      () => changeDevices({ ...partner, deviceIds: existing.slice(30, 40), action: "disable", hub: noHub }),
      () => changeDevices({ ...partner, deviceIds: existing.slice(40, 44), action: "delete", hub: noHub }),
      () => foldDeviceCountChanges(5),
      () => foldDeviceCountChanges(5),
    ];
    await Promise.all(writes.map((write) => write()));
    await expectOverviewMatches(NOW);
    await foldDeviceCountChanges();
    await expectOverviewMatches(NOW);
    await expectListMatches(NOW);
  });
});
