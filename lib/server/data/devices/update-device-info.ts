import "server-only";
import type { DeviceUpdate } from "@/lib/schemas/device-update";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AuthenticatedDevice } from "./find-device-for-call";

/**
 * Update Device: what the device says about itself. A firmware change is
 * audited (the device's firmware history). A parent must be another device
 * of the same partner (null clears it); nothing is written when it is not.
 */
export async function updateDeviceInfo(options: {
  device: AuthenticatedDevice;
  update: DeviceUpdate;
  ip: string | null;
}): Promise<void> {
  const { device, update } = options;
  await db.$transaction(async (tx) => {
    if (update.parent_id) {
      if (update.parent_id === device.id) throw new AppError("VALIDATION", "parent_id: must not be the device itself");
      const parent = await tx.device.findFirst({
        where: { id: update.parent_id, partnerId: device.partnerId },
        select: { id: true },
      });
      if (!parent) throw new AppError("VALIDATION", "parent_id: no such device of this partner");
    }
    await tx.device.update({
      where: { id: device.id },
      data: {
        firmwareVersion: update.firmware_version,
        ...(update.firmware_version ? { firmwareReportedAt: new Date() } : {}),
        name: update.name,
        subModel: update.sub_model,
        details: update.details === undefined ? undefined : JSON.stringify(update.details),
        hostAddress: update.host_address,
        spaceVersion: update.space_version,
        parentId: update.parent_id,
        ...(update.config_version === undefined
          ? {}
          : { reportedConfigVersion: update.config_version, reportedConfigAt: new Date() }),
        lastSeenAt: new Date(),
      },
    });
    if (update.firmware_version && update.firmware_version !== device.firmwareVersion) {
      await recordAuditEvent(tx, {
        partnerId: device.partnerId,
        actor: { userId: null, label: `device ${device.sn}`, ip: options.ip },
        action: "device.firmware",
        targetType: "device",
        targetId: device.id,
        summary: `Firmware ${device.firmwareVersion} → ${update.firmware_version}`,
      });
    }
  });
}
