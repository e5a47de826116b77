"use server";

import { presenceQuerySchema } from "@/lib/schemas/connection-check";
import { db } from "../../db";
import { getViewer } from "../../session";

/**
 * The live check's last step: waits (up to 3 s) until the portal's own
 * presence record shows the device online and seen since the check began.
 */
export async function confirmDeviceOnlineAction(input: { deviceId: string; since: string }): Promise<boolean> {
  const viewer = await getViewer();
  const parsed = presenceQuerySchema.safeParse(input);
  if (!viewer || !parsed.success) return false;
  const since = new Date(parsed.data.since);
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    const device = await db.device.findFirst({
      where: { id: parsed.data.deviceId, partnerId: viewer.partnerId },
      select: { isConnected: true, lastSeenAt: true },
    });
    if (!device) return false;
    if (device.isConnected && device.lastSeenAt && device.lastSeenAt >= since) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
