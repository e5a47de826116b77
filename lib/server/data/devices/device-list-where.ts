import "server-only";
import { silentBefore, type DeviceStatus, type StatusRule } from "@/lib/devices/device-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceListQuery } from "@/lib/schemas/device-list";
import { containsIgnoringCase } from "../../database/db-dialect";

export type ModelRule = StatusRule & { id: string };

/** The models' ids per status rule (protocol and offline threshold): one query branch per rule. */
export function groupModelsByRule(models: readonly ModelRule[]): Array<{ rule: ModelRule; ids: string[] }> {
  const groups = new Map<string, { rule: ModelRule; ids: string[] }>();
  for (const model of models) {
    const key = `${model.communicationProtocol}/${model.offlineThresholdMinutes}`;
    const group = groups.get(key) ?? { rule: model, ids: [] };
    group.ids.push(model.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * "Online" as SQL: heard from since the model's threshold and, for MQTT,
 * connected. One branch per protocol and threshold (not per model: 50 models
 * usually share a few thresholds, and fewer branches plan better) keeps it
 * portable, with no column arithmetic.
 */
function onlineWhere(models: readonly ModelRule[], now: Date): Prisma.DeviceWhereInput {
  if (models.length === 0) return { id: { in: [] } };
  return {
    OR: groupModelsByRule(models).map(({ rule, ids }) => ({
      modelId: ids.length === 1 ? ids[0]! : { in: ids },
      lastSeenAt: { gte: silentBefore(rule, now) },
      ...(rule.communicationProtocol === "MQTT" ? { isConnected: true } : {}),
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
  if (query.incident === "open") and.push({ incidents: { some: { status: "active" } } });
  if (query.status)
    and.push(statusWhere(query.status, query.model ? models.filter((m) => m.id === query.model) : models, now));
  if (query.q) {
    const q = containsIgnoringCase(query.q);
    // Substring (and so prefix) match on every identifier a partner searches by.
    and.push({ OR: [{ sn: q }, { name: q }, { id: q }, { mac: q }, { cloudId: q }] });
  }
  return { AND: and };
}
