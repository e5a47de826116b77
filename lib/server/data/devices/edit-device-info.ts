import "server-only";
import type { EditDevice } from "@/lib/schemas/device-update";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

/**
 * A member renames a device or edits its details. The device's info version
 * grows, so its next telemetry answer tells the firmware to read them again
 * (GET /v1/devices/{id}); an edit that changes nothing leaves it alone.
 */
export async function editDeviceInfo(options: {
  partnerId: string;
  actor: Actor;
  input: EditDevice;
}): Promise<{ infoVersion: number }> {
  const { partnerId, actor, input } = options;
  return db.$transaction(async (tx) => {
    const device = await tx.device.findFirst({
      where: { id: input.deviceId, partnerId },
      select: { id: true, sn: true, name: true, details: true, infoVersion: true },
    });
    if (!device) throw new AppError("NOT_FOUND", "Device not found.");
    const details = input.details === null ? null : JSON.stringify(JSON.parse(input.details));
    const stored = device.details === null ? null : JSON.stringify(JSON.parse(device.details));
    if (input.name === device.name && details === stored) return { infoVersion: device.infoVersion };
    const updated = await tx.device.update({
      where: { id: device.id },
      data: { name: input.name, details, infoVersion: { increment: 1 } },
      select: { infoVersion: true },
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "device.edit",
      targetType: "device",
      targetId: device.id,
      summary:
        input.name === device.name
          ? `Edited the details of device ${device.sn}`
          : `Renamed device ${device.sn} to ${input.name ? `"${input.name}"` : "no name"}${details === stored ? "" : " and edited its details"}`,
    });
    return updated;
  });
}
