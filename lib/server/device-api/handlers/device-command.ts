import "server-only";
import { commandUpdateSchema } from "@/lib/schemas/device-command";
import { findNextCommand, findPendingCommandsWithChildren } from "@/lib/server/data/commands/find-next-command";
import { updateCommandStatus } from "@/lib/server/data/commands/update-command-status";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";
import { AppError } from "@/lib/server/errors";

/** Get Command (Xyte): the oldest command not finished yet. */
export const getCommand = deviceRoute(async ({ device }) => {
  const command = await findNextCommand(device.id);
  if (!command) throw new AppError("NOT_FOUND", "no command is waiting for this device");
  return Response.json(command, { headers: { "Cache-Control": "no-store" } });
});

/** Get Commands with Children (Xyte): every unfinished command of the device and of its child devices. */
export const getPendingCommands = deviceRoute(async ({ device }) =>
  Response.json(await findPendingCommandsWithChildren(device.id), { headers: { "Cache-Control": "no-store" } }),
);

/** Update Command (Xyte): {id, status, message?} moves a command on. */
export const updateCommand = deviceRoute(async ({ request, device }) => {
  const update = await readDeviceBody(request, commandUpdateSchema);
  const change = await updateCommandStatus({ deviceId: device.id, update, via: "http" });
  return Response.json({ success: true, id: change.commandId, status: change.status });
});
