import "server-only";
import { canMoveCommand, type CommandStatus, type CommandUpdate } from "@/lib/schemas/device-command";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { commandEventData } from "../webhooks/webhook-payload";

export type CommandChange = { commandId: string; status: CommandStatus; isChanged: boolean };

/**
 * A device moves one of its commands on (Update Command): pending →
 * in_progress → done | failed. An id that is not this device's is a 404, an
 * illegal move (a finished command, or back to pending) a 409; repeating the
 * current status is accepted, since a device retries when an answer is lost.
 */
export async function updateCommandStatus(options: {
  deviceId: string;
  update: CommandUpdate;
  via: "http" | "mqtt";
}): Promise<CommandChange> {
  const { deviceId, update, via } = options;
  return db.$transaction(async (tx) => {
    const command = await tx.deviceCommand.findFirst({
      where: { id: update.id, deviceId },
      select: { id: true, status: true, message: true, partnerId: true, name: true },
    });
    if (!command) throw new AppError("NOT_FOUND", `id: no command ${update.id} for this device`);
    const from = command.status as CommandStatus;
    if (!canMoveCommand(from, update.status)) {
      throw new AppError("CONFLICT", `status: a command that is ${from} cannot become ${update.status}`);
    }
    const message = update.message ?? null;
    if (from === update.status && message === command.message) {
      return { commandId: command.id, status: from, isChanged: false };
    }
    // Conditional on the status read, so two racing updates cannot both apply.
    const { count } = await tx.deviceCommand.updateMany({
      where: { id: command.id, status: from },
      data: { status: update.status, message },
    });
    if (count === 0) throw new AppError("CONFLICT", "status: the command changed meanwhile; fetch it again");
    await tx.deviceCommandUpdate.create({ data: { commandId: command.id, status: update.status, message, via } });
    await enqueueWebhookEvents(tx, command.partnerId, [
      {
        type: "command.status_changed",
        data: commandEventData({ ...command, deviceId, status: update.status, message }),
      },
    ]);
    return { commandId: command.id, status: update.status, isChanged: true };
  });
}
