import "server-only";
import type { DeviceListQuery } from "@/lib/schemas/device-list";
import { db } from "../../database/db";
import { DEVICE_ROW_SELECT, type DeviceRow } from "./device-row-select";
import { findSearchMatches, SEARCH_MATCH_CAP } from "./find-search-matches";

/**
 * The few devices a narrow filter leaves (a search, or "has an open
 * incident"), for the list to filter, sort and page itself; null when
 * neither applies or there are too many (the list's own SQL then reads its
 * order). Devices with an open incident are read from the incidents' index
 * rather than by testing each device in the list's order, which would walk
 * the fleet to fill a page when few devices have one.
 */
export async function findListMatches(options: {
  partnerId: string;
  query: Pick<DeviceListQuery, "q" | "model" | "incident">;
}): Promise<DeviceRow[] | null> {
  const { partnerId, query } = options;
  const searched = query.q ? await findSearchMatches({ partnerId, q: query.q, modelId: query.model }) : null;
  if (query.incident !== "open") return searched;
  if (searched) {
    const open = await db.incident.findMany({
      where: { partnerId, status: "active", deviceId: { in: searched.map((device) => device.id) } },
      select: { deviceId: true },
      distinct: ["deviceId"],
    });
    const withIncident = new Set(open.map((incident) => incident.deviceId));
    return searched.filter((device) => withIncident.has(device.id));
  }
  // No search, or a term too common (or short) for its index: the incident devices, searched here.
  const rows = await db.device.findMany({
    where: {
      partnerId,
      ...(query.model ? { modelId: query.model } : {}),
      incidents: { some: { status: "active" } },
    },
    select: DEVICE_ROW_SELECT,
    take: SEARCH_MATCH_CAP + 1,
  });
  if (rows.length > SEARCH_MATCH_CAP) return null;
  if (!query.q) return rows;
  const term = query.q.toLowerCase();
  return rows.filter((device) =>
    [device.sn, device.name, device.id, device.mac, device.cloudId].some((value) =>
      value?.toLowerCase().includes(term),
    ),
  );
}
