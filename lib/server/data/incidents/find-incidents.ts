import "server-only";
import { db } from "../../database/db";
import { INCIDENT_SELECT, type IncidentRow } from "./incident-select";

/** Get Incidents (Xyte): the device's open incidents, oldest first. */
export function findOpenIncidents(deviceId: string): Promise<IncidentRow[]> {
  return db.incident.findMany({
    where: { deviceId, status: "active" },
    orderBy: { createdAt: "asc" },
    select: INCIDENT_SELECT,
  });
}

/** The device page's incidents: every open one, and the latest closed ones. */
export async function findDeviceIncidents(options: {
  partnerId: string;
  deviceId: string;
  closedLimit?: number;
}): Promise<{ open: IncidentRow[]; closed: IncidentRow[] }> {
  const { partnerId, deviceId, closedLimit = 10 } = options;
  const [open, closed] = await Promise.all([
    db.incident.findMany({
      where: { partnerId, deviceId, status: "active" },
      orderBy: { createdAt: "desc" },
      select: INCIDENT_SELECT,
    }),
    db.incident.findMany({
      where: { partnerId, deviceId, status: "closed" },
      orderBy: { closedAt: "desc" },
      take: closedLimit,
      select: INCIDENT_SELECT,
    }),
  ]);
  return { open, closed };
}

/** The overview's figures: open incidents, and on how many devices. */
export async function countOpenIncidents(partnerId: string): Promise<{ incidents: number; devices: number }> {
  const [incidents, devices] = await Promise.all([
    db.incident.count({ where: { partnerId, status: "active" } }),
    db.incident.groupBy({ by: ["deviceId"], where: { partnerId, status: "active" } }).then((rows) => rows.length),
  ]);
  return { incidents, devices };
}
