import "server-only";
import type { RefusalCause } from "@/lib/schemas/connection-check";
import { db } from "../../database/db";
import { secretMatches } from "../../secrets";

/**
 * Why the hub refused a partner's device with 135 (not authorized), as far as
 * the portal can tell: the pasted key is compared with the stored hash and
 * then forgotten, so match or no match is all it reveals.
 */
export async function diagnoseRefusal(input: {
  partnerId: string;
  deviceId: string;
  accessKey: string;
}): Promise<RefusalCause> {
  const device = await db.device.findFirst({
    where: { id: input.deviceId, partnerId: input.partnerId },
    select: { isEnabled: true, accessKeyHash: true, model: { select: { communicationProtocol: true } } },
  });
  if (!device) return "DELETED";
  if (device.model.communicationProtocol !== "MQTT") return "HTTP_MODEL";
  if (!device.isEnabled) return "DISABLED";
  return secretMatches(input.accessKey, device.accessKeyHash) ? "HUB_NOT_IN_SYNC" : "KEY_MISMATCH";
}
