import "server-only";
import type { AccessChange } from "@/lib/hub/access-change-feed";
import type { DeviceAccess, DeviceAccessRow } from "@/lib/hub/device-access-cache";
import { db } from "../../db";
import { ACCESS_CHANGE_ACTIONS } from "./change-devices";
import { admittedDeviceWhere } from "./find-hub-credentials";

/** What the broker's auth hooks decide on: the key's hash of an admitted device, or null (unknown or not admitted). */
export function findDeviceAccess(deviceId: string): Promise<DeviceAccess> {
  return db.device.findFirst({ where: { id: deviceId, ...admittedDeviceWhere }, select: { accessKeyHash: true } });
}

const MAX_NAMED_MODELS = 500;

/**
 * One page of admitted devices in id order, after `afterId`: the auth cache's
 * start-up fill. The MQTT models are read first and named: joined instead,
 * PostgreSQL misjudged how many models match (a table of a few dozen rows is
 * never analyzed by autovacuum) and, per page, read and sorted every
 * admitted device after `afterId` (3.1 s a page, 191 s for 800,000 devices).
 */
export async function listDeviceAccess(afterId?: string, take = 5_000): Promise<DeviceAccessRow[]> {
  const models = await db.deviceModel.findMany({
    where: admittedDeviceWhere.model,
    select: { id: true },
    take: MAX_NAMED_MODELS + 1,
  });
  // Past a few hundred models (many partners) the list would outgrow a query's parameters: join then.
  const ofModels =
    models.length > MAX_NAMED_MODELS
      ? admittedDeviceWhere
      : { isEnabled: true, modelId: { in: models.map((m) => m.id) } };
  return db.device.findMany({
    where: { ...ofModels, ...(afterId ? { id: { gt: afterId } } : {}) },
    select: { id: true, accessKeyHash: true },
    orderBy: { id: "asc" },
    take,
  });
}

/** Credential changes recorded since `since`, by any portal process (read from the audit log). */
export async function findDeviceAccessChanges(since: Date): Promise<AccessChange[]> {
  const events = await db.auditEvent.findMany({
    where: { action: { in: ACCESS_CHANGE_ACTIONS }, createdAt: { gte: since } },
    select: { id: true, targetId: true, createdAt: true },
  });
  return events.map((event) => ({ eventId: event.id, deviceId: event.targetId, at: event.createdAt }));
}
