import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseEventList } from "@/lib/webhooks/events";
import { db } from "../../database/db";
import { statusWhere } from "../devices/device-list-where";
import { enqueueWebhookEvents } from "./enqueue-webhook-events";
import { deviceEventData } from "./webhook-payload";

const BATCH = 500;
type Presence = "online" | "offline";

/**
 * Announces devices that came online or went offline (by their model's
 * threshold, as the devices page counts them) to partners whose endpoints
 * subscribe to either event. Going offline is a matter of time passing, so
 * this runs periodically rather than on a presence update. Each device's
 * announced presence is switched by a conditional UPDATE in the same
 * transaction as its deliveries: with several portal processes only the
 * one whose UPDATE changed the row announces it.
 */
export async function announcePresenceChanges(now = new Date()): Promise<number> {
  const endpoints = await db.webhookEndpoint.findMany({
    where: { isEnabled: true },
    select: { partnerId: true, events: true },
  });
  const partners = new Set(
    endpoints
      .filter(({ events }) => parseEventList(events).some((e) => e === "device.online" || e === "device.offline"))
      .map((endpoint) => endpoint.partnerId),
  );
  let announced = 0;
  for (const partnerId of partners) {
    const models = await db.deviceModel.findMany({
      where: { partnerId },
      select: { id: true, communicationProtocol: true, offlineThresholdMinutes: true },
    });
    const online = statusWhere("online", models, now);
    announced += await announce(partnerId, "online", {
      AND: [{ partnerId }, online, { OR: [{ announcedPresence: null }, { announcedPresence: "offline" }] }],
    });
    announced += await announce(partnerId, "offline", { partnerId, announcedPresence: "online", NOT: online });
  }
  return announced;
}

async function announce(partnerId: string, presence: Presence, where: Prisma.DeviceWhereInput): Promise<number> {
  const candidates = await db.device.findMany({ where, select: { id: true }, take: BATCH });
  if (candidates.length === 0) return 0;
  const was =
    presence === "online"
      ? Prisma.sql`("announcedPresence" IS NULL OR "announcedPresence" = 'offline')`
      : Prisma.sql`"announcedPresence" = 'online'`;
  return db.$transaction(async (tx) => {
    const switched = await tx.$queryRaw<Array<{ id: string; sn: string; modelId: string }>>`
      UPDATE "Device" SET "announcedPresence" = ${presence}
      WHERE "id" IN (${Prisma.join(candidates.map((c) => c.id))}) AND ${was}
      RETURNING "id", "sn", "modelId"`;
    await enqueueWebhookEvents(
      tx,
      partnerId,
      switched.map((device) => ({ type: `device.${presence}` as const, data: deviceEventData(device) })),
    );
    return switched.length;
  });
}
