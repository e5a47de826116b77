import "server-only";
import { env } from "@/lib/env";
import type { DeviceCommandPayload, NewCommand } from "@/lib/schemas/device-command";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import type { Actor } from "../audit/record-audit-event";
import { commandInserts } from "./command-inserts";

/** Why a device cannot take commands (not the partner's, or disabled); null when it can. */
export function commandRefusal(device: { isEnabled: boolean | number } | undefined): AppError | null {
  if (!device) return new AppError("NOT_FOUND", "Device not found.");
  if (!device.isEnabled) {
    return new AppError("CONFLICT", "The device is disabled, so it cannot take commands. Enable it first.");
  }
  return null;
}

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
  const [device] = await db.$queryRaw<Array<{ id: string; sn: string; isEnabled: boolean | number }>>`
    SELECT "id", "sn", "isEnabled" FROM "Device" WHERE "id" = ${options.deviceId} AND "partnerId" = ${partnerId}`;
  const refusal = commandRefusal(device);
  if (refusal) throw refusal;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + env().COMMAND_EXPIRY_MINUTES * 60_000);
  // A device deleted between the read and the write fails the foreign key: nothing is written.
  const { ids, statements } = commandInserts([{ partnerId, actor, device: device!, command, now, expiresAt }]);
  await db.$transaction(statements.map((statement) => db.$executeRaw(statement)));
  return {
    id: ids[0]!,
    device_id: options.deviceId,
    name: command.name,
    parameters: command.parameters,
    status: "pending",
  };
}
