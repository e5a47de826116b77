import "server-only";
import { silentBefore, type DeviceStatus, type StatusRule } from "@/lib/devices/device-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceListQuery } from "@/lib/schemas/device-list";
import { containsIgnoringCase } from "../../db-dialect";

export type ModelRule = StatusRule & { id: string };

/**
 * "Online" as SQL: per model, heard from since its threshold and, for MQTT,
 * connected. One branch per model keeps it portable (no column arithmetic)
 * and each branch can use the (partnerId, lastSeenAt) index.
 */
function onlineWhere(models: readonly ModelRule[], now: Date): Prisma.DeviceWhereInput {
  if (models.length === 0) return { id: { in: [] } };
  return {
    OR: models.map((model) => ({
      modelId: model.id,
      lastSeenAt: { gte: silentBefore(model, now) },
      ...(model.communicationProtocol === "MQTT" ? { isConnected: true } : {}),
    })),
  };
}

export function statusWhere(status: DeviceStatus, models: readonly ModelRule[], now: Date): Prisma.DeviceWhereInput {
  switch (status) {
    case "disabled":
      return { isEnabled: false };
    case "never":
      return { isEnabled: true, lastSeenAt: null };
    case "online":
      return { isEnabled: true, ...onlineWhere(models, now) };
    case "offline":
      return { isEnabled: true, lastSeenAt: { not: null }, NOT: onlineWhere(models, now) };
  }
}

/** The list's filters as a Prisma where, always inside the partner. */
export function deviceListWhere(
  partnerId: string,
  query: DeviceListQuery,
  models: readonly ModelRule[],
  now: Date,
): Prisma.DeviceWhereInput {
  const and: Prisma.DeviceWhereInput[] = [{ partnerId }];
  if (query.model) and.push({ modelId: query.model });
  if (query.firmware) and.push({ firmwareVersion: query.firmware });
  if (query.status)
    and.push(statusWhere(query.status, query.model ? models.filter((m) => m.id === query.model) : models, now));
  if (query.q) {
    const q = containsIgnoringCase(query.q);
    // Substring (and so prefix) match on every identifier a partner searches by.
    and.push({ OR: [{ sn: q }, { name: q }, { id: q }, { mac: q }, { cloudId: q }] });
  }
  return { AND: and };
}
