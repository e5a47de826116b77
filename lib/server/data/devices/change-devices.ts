import "server-only";
import type { DeviceHub } from "@/lib/hub/hub";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import type { WebhookEvent } from "@/lib/webhooks/events";
import { auditEventData, type Actor } from "../audit/record-audit-event";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { deviceEventData } from "../webhooks/webhook-payload";
import { syncHubAfterCommit } from "./sync-hub-after-commit";

const BULK_DEVICE_ACTIONS = ["disable", "enable", "delete"] as const;
export type BulkDeviceAction = (typeof BULK_DEVICE_ACTIONS)[number];

export const ROTATE_KEY_ACTION = "device.rotate_key";

/**
 * The audit actions of every change that can end a device's admission. Each is
 * written in its change's own transaction, so the audit log doubles as the
 * change feed other portal processes read (find-device-access.ts).
 */
export const ACCESS_CHANGE_ACTIONS = [ROTATE_KEY_ACTION, ...BULK_DEVICE_ACTIONS.map((action) => `device.${action}`)];

/** How a disable, enable or delete is recorded, for one device or many. */
export function deviceChangeAudit(action: BulkDeviceAction, sn: string): { action: string; summary: string } {
  const verb = { disable: "Disabled", enable: "Enabled", delete: "Deleted device" }[action];
  return { action: `device.${action}`, summary: `${verb} ${sn}` };
}

/** The webhook event an access change (an audit action above) is announced as. */
export function deviceChangeEvent(action: string): WebhookEvent {
  const events: Record<string, WebhookEvent> = {
    [ROTATE_KEY_ACTION]: "device.key_rotated",
    "device.disable": "device.disabled",
    "device.enable": "device.enabled",
    "device.delete": "device.deleted",
  };
  const event = events[action];
  if (!event) throw new Error(`No webhook event for ${action}`);
  return event;
}

/**
 * The list's bulk actions: one transaction changes the partner's selected
 * devices and writes an audit event for each, then the hub is brought in line
 * in one sync (one reload), so disabled or deleted devices are kicked at once.
 * Ids of other partners or of devices already gone are not touched.
 */
export async function changeDevices(options: {
  partnerId: string;
  actor: Actor;
  deviceIds: readonly string[];
  action: BulkDeviceAction;
  hub: DeviceHub;
}): Promise<{ count: number; isHubPending: boolean }> {
  const { partnerId, actor, action, hub } = options;
  const changed = await db.$transaction(async (tx) => {
    const devices = await tx.device.findMany({
      where: { partnerId, id: { in: [...options.deviceIds] } },
      select: { id: true, sn: true, modelId: true },
    });
    if (devices.length === 0) throw new AppError("NOT_FOUND", "None of the selected devices exist any more.");
    const ids = devices.map((device) => device.id);
    if (action === "delete") await tx.device.deleteMany({ where: { partnerId, id: { in: ids } } });
    else
      await tx.device.updateMany({ where: { partnerId, id: { in: ids } }, data: { isEnabled: action === "enable" } });
    await tx.auditEvent.createMany({
      data: devices.map((device) =>
        auditEventData({
          partnerId,
          actor,
          targetType: "device",
          targetId: device.id,
          ...deviceChangeAudit(action, device.sn),
        }),
      ),
    });
    await enqueueWebhookEvents(
      tx,
      partnerId,
      devices.map((device) => ({ type: deviceChangeEvent(`device.${action}`), data: deviceEventData(device) })),
    );
    return ids;
  });
  return { count: changed.length, isHubPending: await syncHubAfterCommit(hub, changed) };
}
