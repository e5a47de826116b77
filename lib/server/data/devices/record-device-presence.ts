import "server-only";
import type { PresenceUpdate } from "@/lib/hub/presence";
import { db } from "../../db";

/** Stores a batch of presence updates; ids that are not devices are skipped. */
export async function recordDevicePresence(updates: readonly PresenceUpdate[]): Promise<void> {
  await db.$transaction(
    updates.map(({ deviceId, ...data }) => db.device.updateMany({ where: { id: deviceId }, data })),
  );
}
