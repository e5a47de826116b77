import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceConfigPayload } from "@/lib/schemas/device-config";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { CONFIG_SELECT, configPayload } from "./config-payload";

/**
 * Writes a new desired config version (one more than the current). The
 * version a device was registered with lives only on its row, so it joins
 * the history first, before it is replaced.
 */
export async function writeConfigVersion(
  tx: Prisma.TransactionClient,
  device: { id: string; config: string | null; configVersion: number; configUpdatedAt: Date | null; createdAt: Date },
  config: Record<string, unknown>,
  source: string,
  version = device.configVersion + 1,
): Promise<DeviceConfigPayload> {
  if (device.configVersion > 0 && device.config !== null) {
    await tx.deviceConfig.upsert({
      where: { deviceId_version: { deviceId: device.id, version: device.configVersion } },
      create: {
        deviceId: device.id,
        version: device.configVersion,
        config: device.config,
        source: "model default",
        createdAt: device.configUpdatedAt ?? device.createdAt,
      },
      update: {},
    });
  }
  const text = JSON.stringify(config);
  const now = new Date();
  await tx.deviceConfig.create({ data: { deviceId: device.id, version, config: text, source, createdAt: now } });
  const updated = await tx.device.update({
    where: { id: device.id },
    data: { config: text, configVersion: version, configUpdatedAt: now },
    select: CONFIG_SELECT,
  });
  return configPayload(updated);
}

/** A member sets a device's desired config: a new version, audited. */
export async function setDeviceConfig(options: {
  partnerId: string;
  actor: Actor;
  deviceId: string;
  config: Record<string, unknown>;
}): Promise<DeviceConfigPayload> {
  const { partnerId, actor } = options;
  return db.$transaction(async (tx) => {
    const device = await tx.device.findFirst({
      where: { id: options.deviceId, partnerId },
      select: { ...CONFIG_SELECT, sn: true },
    });
    if (!device) throw new AppError("NOT_FOUND", "Device not found.");
    const payload = await writeConfigVersion(tx, device, options.config, actor.label);
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "device.config",
      targetType: "device",
      targetId: device.id,
      summary: `Set config version ${payload.version} of ${device.sn}`,
    });
    return payload;
  });
}
