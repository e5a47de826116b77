import "server-only";
import { db } from "../../db";
import { statusWhere } from "../devices/device-list-where";
import { findModelRules } from "../devices/list-devices";

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
 * offline. Registrations per day are 30 index range counts rather than a
 * GROUP BY on a date expression, which differs between SQLite and PostgreSQL.
 */
export async function getOverview(options: { partnerId: string; now?: Date }) {
  const { partnerId } = options;
  const now = options.now ?? new Date();
  const models = await findModelRules(partnerId);
  const days = Array.from({ length: OVERVIEW_DAYS }, (_, i) => utcDay(now, OVERVIEW_DAYS - 1 - i));
  const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
  const nextDay = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

  const [deviceCount, onlineCount, registrationsPerDay, connectionStats, latest, offlineByModel] = await Promise.all([
    db.device.count({ where: { partnerId } }),
    db.device.count({ where: { partnerId, ...statusWhere("online", models, now) } }),
    Promise.all(
      days.map((day) => db.device.count({ where: { partnerId, createdAt: { gte: dayStart(day), lt: nextDay(day) } } })),
    ),
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
    db.device.groupBy({
      by: ["modelId"],
      where: { partnerId, ...statusWhere("offline", models, now) },
      _count: { _all: true },
      orderBy: { _count: { modelId: "desc" } },
      take: 5,
    }),
  ]);
  const connectionsByDay = new Map(connectionStats.map((stat) => [stat.day, stat.connections]));
  const modelNames = new Map(models.map((model) => [model.id, model.name]));
  return {
    counts: {
      models: models.length,
      devices: deviceCount,
      online: onlineCount,
      registeredToday: registrationsPerDay.at(-1) ?? 0,
    },
    perDay: days.map((day, i) => ({
      day,
      registrations: registrationsPerDay[i] ?? 0,
      connections: connectionsByDay.get(day) ?? 0,
    })),
    latest,
    mostOffline: offlineByModel.map((group) => ({
      modelId: group.modelId,
      name: modelNames.get(group.modelId) ?? group.modelId,
      offline: group._count._all,
    })),
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
