import "server-only";
import type { DeviceHub } from "@/lib/hub/hub";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { deviceEventData } from "../webhooks/webhook-payload";
import { deviceChangeAudit, deviceChangeEvent, ROTATE_KEY_ACTION } from "./change-devices";
import { newAccessKey } from "./new-access-key";
import { syncHubAfterCommit } from "./sync-hub-after-commit";

type Change = { partnerId: string; actor: Actor; deviceId: string; hub: DeviceHub };

/** What a change returns: its result, and whether the hub has yet to apply it. */
export type Changed<T> = T & {
  /**
   * The change is committed, but the hub was down (stopped or restarting)
   * when told; it reads every device again when it is back, and admits no
   * one meanwhile, so nothing old is accepted in between.
   */
  isHubPending: boolean;
};

/**
 * Runs one change to a device row with its audit event, then makes the hub
 * agree before returning: a session using the old credentials is closed.
 * A hub that is down does not undo or hide the committed change (a rotation's
 * new key would be lost): the answer says it is pending instead.
 */
async function changeDevice<T extends object>(
  options: Change,
  apply: (
    tx: Prisma.TransactionClient,
    device: { id: string; sn: string; modelId: string },
  ) => Promise<{ summary: string; action: string; result: T }>,
): Promise<Changed<T>> {
  const { partnerId, actor, deviceId, hub } = options;
  const outcome = await db.$transaction(async (tx) => {
    const device = await tx.device.findFirst({
      where: { id: deviceId, partnerId },
      select: { id: true, sn: true, modelId: true },
    });
    if (!device) throw new AppError("NOT_FOUND", "Device not found.");
    const { summary, action, result } = await apply(tx, device);
    await recordAuditEvent(tx, { partnerId, actor, action, targetType: "device", targetId: device.id, summary });
    await enqueueWebhookEvents(tx, partnerId, [{ type: deviceChangeEvent(action), data: deviceEventData(device) }]);
    return result;
  });
  return { ...outcome, isHubPending: await syncHubAfterCommit(hub, [deviceId]) };
}

/** A new access key, returned once; the old one stops working at once. */
export async function rotateDeviceKey(options: Change): Promise<Changed<{ accessKey: string }>> {
  const { accessKey, accessKeyHash, hubPasswordHash } = await newAccessKey();
  return changeDevice(options, async (tx, device) => {
    await tx.device.update({ where: { id: device.id }, data: { accessKeyHash, hubPasswordHash } });
    return { action: ROTATE_KEY_ACTION, summary: `Rotated the access key of ${device.sn}`, result: { accessKey } };
  });
}

export async function setDeviceEnabled(options: Change & { isEnabled: boolean }): Promise<Changed<object>> {
  return changeDevice(options, async (tx, device) => {
    await tx.device.update({ where: { id: device.id }, data: { isEnabled: options.isEnabled } });
    return { ...deviceChangeAudit(options.isEnabled ? "enable" : "disable", device.sn), result: {} };
  });
}

/** Deletes the device; its audit trail stays. Returns its model, for navigation. */
export async function deleteDevice(options: Change): Promise<Changed<{ modelId: string }>> {
  return changeDevice(options, async (tx, device) => {
    const { modelId } = await tx.device.delete({ where: { id: device.id }, select: { modelId: true } });
    return { ...deviceChangeAudit("delete", device.sn), result: { modelId } };
  });
}
