"use server";

import { deviceIdSchema } from "@/lib/schemas/connection-check";
import { getHub } from "@/lib/hub/start-hub";
import { db } from "../../db";
import { getViewer } from "../../session";

/** Publishes a harmless test command to the device's command topic, as the portal. */
export async function sendTestCommandAction(input: { deviceId: string }): Promise<{ ok: boolean; message: string }> {
  const viewer = await getViewer();
  const parsed = deviceIdSchema.safeParse(input);
  if (!viewer || !parsed.success) return { ok: false, message: "Invalid request." };
  const device = await db.device.findFirst({
    where: { id: parsed.data.deviceId, partnerId: viewer.partnerId },
    select: { id: true },
  });
  if (!device) return { ok: false, message: "Device not found." };
  try {
    await getHub().publishToDevice(
      device.id,
      "command",
      JSON.stringify({ command: "ping", from: "partner-hub", at: new Date().toISOString() }),
    );
    return { ok: true, message: "Test command sent" };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
