import "server-only";
import { db } from "../../db";
import { AppError } from "../../errors";
import { secretMatches } from "../../secrets";

/**
 * A device's HTTP telemetry, authenticated by its access key: updates when it
 * was last seen. Wrong key, unknown, disabled or deleted device all answer
 * the same 401, so the endpoint reveals nothing about which ids exist.
 */
export async function recordHttpTelemetry(options: {
  deviceId: string;
  accessKey: string;
}): Promise<{ receivedAt: Date }> {
  const device = await db.device.findUnique({
    where: { id: options.deviceId },
    select: { id: true, isEnabled: true, accessKeyHash: true },
  });
  if (!device || !device.isEnabled || !secretMatches(options.accessKey, device.accessKeyHash)) {
    throw new AppError("UNAUTHENTICATED", "authorization: unknown device or wrong access key");
  }
  const receivedAt = new Date();
  await db.device.update({ where: { id: device.id }, data: { lastSeenAt: receivedAt } });
  return { receivedAt };
}
