import "server-only";
import { UNFINISHED_STATUSES, type DeviceCommandPayload } from "@/lib/schemas/device-command";
import { db } from "../../database/db";
import { COMMAND_PAYLOAD_SELECT, commandPayload } from "./command-payload";

const unfinished = (deviceId: string) => ({
  deviceId,
  status: { in: [...UNFINISHED_STATUSES] },
  expiresAt: { gt: new Date() },
});

/** The device's oldest command not finished yet (Get Command), or null. */
export async function findNextCommand(deviceId: string): Promise<DeviceCommandPayload | null> {
  const row = await db.deviceCommand.findFirst({
    where: unfinished(deviceId),
    orderBy: { createdAt: "asc" },
    select: COMMAND_PAYLOAD_SELECT,
  });
  return row ? commandPayload(row) : null;
}

/** Every unfinished command of the device, oldest first (pushed when it subscribes). */
export async function findUnfinishedCommands(deviceId: string, take = 20): Promise<DeviceCommandPayload[]> {
  const rows = await db.deviceCommand.findMany({
    where: unfinished(deviceId),
    orderBy: { createdAt: "asc" },
    take,
    select: COMMAND_PAYLOAD_SELECT,
  });
  return rows.map(commandPayload);
}

/**
 * Xyte's pending commands: the unfinished commands of a gateway and of the
 * devices that named it their parent (Update Device's parent_id), oldest first.
 */
export async function findPendingCommandsWithChildren(deviceId: string, take = 100): Promise<DeviceCommandPayload[]> {
  const rows = await db.deviceCommand.findMany({
    where: {
      status: { in: [...UNFINISHED_STATUSES] },
      expiresAt: { gt: new Date() },
      OR: [{ deviceId }, { device: { parentId: deviceId } }],
    },
    orderBy: { createdAt: "asc" },
    take,
    select: COMMAND_PAYLOAD_SELECT,
  });
  return rows.map(commandPayload);
}
