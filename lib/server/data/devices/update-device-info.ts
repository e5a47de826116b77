import "server-only";
import type { DeviceUpdate } from "@/lib/schemas/device-update";
import { db } from "../../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AuthenticatedDevice } from "../../device-api/authenticate-device";

/**
 * Update Device: what the device says about itself. A firmware change is
 * audited (the device's firmware history); space_version and parent_id are
 * accepted for Xyte compatibility and not stored (Partner Hub has neither).
 */
export async function updateDeviceInfo(options: {
  device: AuthenticatedDevice;
  update: DeviceUpdate;
  ip: string | null;
}): Promise<void> {
  const { device, update } = options;
  await db.$transaction(async (tx) => {
    await tx.device.update({
      where: { id: device.id },
      data: {
        firmwareVersion: update.firmware_version,
        ...(update.firmware_version ? { firmwareReportedAt: new Date() } : {}),
        name: update.name,
        subModel: update.sub_model,
        details: update.details === undefined ? undefined : JSON.stringify(update.details),
        hostAddress: update.host_address,
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
