import "server-only";
import { env } from "@/lib/env";
import type { DeviceCommandPayload, NewCommand } from "@/lib/schemas/device-command";
import { db } from "../../db";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { COMMAND_PAYLOAD_SELECT, commandPayload } from "./command-payload";

/**
 * Queues a command for one of the partner's devices, audited in the same
 * transaction. It waits as "pending" until the device takes it (over HTTP,
 * or when the portal pushes it over MQTT) and expires after
 * COMMAND_EXPIRY_MINUTES if nobody finishes it.
 */
export async function queueCommand(options: {
  partnerId: string;
  actor: Actor;
  deviceId: string;
  command: NewCommand;
}): Promise<DeviceCommandPayload> {
  const { partnerId, actor, command } = options;
  const now = new Date();
  return db.$transaction(async (tx) => {
    const device = await tx.device.findFirst({
      where: { id: options.deviceId, partnerId },
      select: { id: true, sn: true, isEnabled: true },
    });
    if (!device) throw new AppError("NOT_FOUND", "Device not found.");
    if (!device.isEnabled) {
      throw new AppError("CONFLICT", "The device is disabled, so it cannot take commands. Enable it first.");
    }
    const created = await tx.deviceCommand.create({
      data: {
        id: newId(),
        partnerId,
        deviceId: device.id,
        name: command.name,
        parameters: JSON.stringify(command.parameters),
        status: "pending",
        actorLabel: actor.label,
        createdAt: now,
        expiresAt: new Date(now.getTime() + env().COMMAND_EXPIRY_MINUTES * 60_000),
        updates: { create: { status: "pending", via: "portal", at: now } },
      },
      select: COMMAND_PAYLOAD_SELECT,
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "device.command",
      targetType: "device",
      targetId: device.id,
      summary: `Sent command ${command.name} to ${device.sn}`,
    });
    return commandPayload(created);
  });
}
