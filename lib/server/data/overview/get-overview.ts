import "server-only";
import { db } from "../../database/db";
import { findModelRules } from "../devices/list-devices";
import { countDevicesByStatus, totalByStatus } from "../fleet-counts/count-devices-by-status";
import { readRegistrationsPerDay } from "../fleet-counts/read-device-state-counts";
import { countOpenIncidents } from "../incidents/find-incidents";

export const OVERVIEW_DAYS = 30;

/** YYYY-MM-DD of a UTC day, `daysAgo` before `now`'s. */
export function utcDay(now: Date, daysAgo = 0): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo))
    .toISOString()
    .slice(0, 10);
}

/**
 * The partner's home: counts, registrations and connections per UTC day for
 * the last 30 days, the latest devices and the models with most devices
 * offline. Every figure comes from kept counts (per model, firmware and
 * presence state; per day), so its cost does not grow with the fleet; only
 * the devices that silence turned offline are counted from an index.
 */
export async function getOverview(options: { partnerId: string; now?: Date }) {
  const { partnerId } = options;
  const now = options.now ?? new Date();
  const models = await findModelRules(partnerId);
  const days = Array.from({ length: OVERVIEW_DAYS }, (_, i) => utcDay(now, OVERVIEW_DAYS - 1 - i));

  const [perModel, registrationsByDay, connectionStats, latest, incidents] = await Promise.all([
    countDevicesByStatus({ partnerId, models, now }),
    readRegistrationsPerDay(partnerId, days[0]!),
    db.partnerDailyStat.findMany({
      where: { partnerId, day: { gte: days[0]! } },
      select: { day: true, connections: true },
    }),
    db.device.findMany({
      where: { partnerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 5,
      select: { id: true, sn: true, name: true, createdAt: true, model: { select: { id: true, name: true } } },
    }),
    countOpenIncidents(partnerId),
  ]);
  const total = totalByStatus(perModel);
  const connectionsByDay = new Map(connectionStats.map((stat) => [stat.day, stat.connections]));
  const perDay = days.map((day) => ({
    day,
    registrations: registrationsByDay.get(day) ?? 0,
    connections: connectionsByDay.get(day) ?? 0,
  }));
  return {
    counts: {
      models: models.length,
      devices: total.online + total.offline + total.never + total.disabled,
      online: total.online,
      registeredToday: perDay.at(-1)?.registrations ?? 0,
      openIncidents: incidents.incidents,
      devicesWithIncidents: incidents.devices,
    },
    perDay,
    latest,
    mostOffline: models
      .map((model) => ({ modelId: model.id, name: model.name, offline: perModel.get(model.id)?.offline ?? 0 }))
      .filter((model) => model.offline > 0)
      // Most offline first; ties by name, as the models are listed.
      .sort((a, b) => b.offline - a.offline)
      .slice(0, 5),
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
