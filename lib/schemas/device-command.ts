import { z } from "zod";
import { firmwareVersion, jsonObject } from "./device-registration";

// Commands the portal queues for a device (Xyte's Get/Update Command): the
// standard ones, reboot, dump and update_firmware, or any name of the
// partner's with JSON parameters.

export const COMMAND_STATUSES = ["pending", "in_progress", "done", "failed", "expired"] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

/** Statuses a command can still leave. */
export const UNFINISHED_STATUSES = ["pending", "in_progress"] as const satisfies readonly CommandStatus[];

/** Which status may follow which; repeating the current one is accepted as a retry. */
const NEXT_STATUSES: Record<CommandStatus, readonly CommandStatus[]> = {
  pending: ["in_progress", "done", "failed"],
  in_progress: ["done", "failed"],
  done: [],
  failed: [],
  expired: [],
};

export function canMoveCommand(from: CommandStatus, to: CommandStatus): boolean {
  return from === to || NEXT_STATUSES[from].includes(to);
}

export const STANDARD_COMMANDS = ["reboot", "dump", "update_firmware"] as const;

const COMMAND_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

const updateFirmwareParameters = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  version: firmwareVersion,
  checksum: z.string({ error: "is required" }).trim().min(1, "is required").max(256, "must be at most 256 characters"),
  signature: z.string().trim().max(4_096, "must be at most 4096 characters").optional(),
});

const commandFields = {
  name: z.string({ error: "is required" }).regex(COMMAND_NAME, "use 1 to 64 letters, digits, _ . or -"),
  parameters: jsonObject(16_384).default({}),
};

/** A standard command's parameters are Xyte's: update_firmware needs url, version and checksum. */
function checkStandardParameters(
  command: { name: string; parameters: Record<string, unknown> },
  ctx: z.RefinementCtx,
): void {
  if (command.name === "update_firmware") {
    const parsed = updateFirmwareParameters.safeParse(command.parameters);
    for (const issue of parsed.error?.issues ?? [])
      ctx.addIssue({
        code: "custom",
        path: ["parameters", ...issue.path],
        message: `${issue.path.join(".")}: ${issue.message}`,
      });
  } else if ((command.name === "reboot" || command.name === "dump") && Object.keys(command.parameters).length > 0) {
    ctx.addIssue({ code: "custom", path: ["parameters"], message: `${command.name} takes no parameters` });
  }
}

/** A command as the portal (or a partner's script) asks for it. */
export const newCommandSchema = z.object(commandFields).superRefine(checkStandardParameters);
export type NewCommand = z.output<typeof newCommandSchema>;

/** What a device sends to move a command on (POST .../command, or MQTT .../commands/update). */
export const commandUpdateSchema = z.object({
  id: z.string({ error: "is required" }).min(1, "is required").max(64, "must be at most 64 characters"),
  status: z
    .enum(["pending", "in_progress", "done", "failed", "error"], {
      error: 'must be "in_progress", "done" or "failed" ("error" counts as failed)',
    })
    .transform((status): CommandStatus => (status === "error" ? "failed" : status)),
  message: z.string({ error: "must be a string" }).max(2_000, "must be at most 2000 characters").optional(),
});
export type CommandUpdate = z.output<typeof commandUpdateSchema>;

/** A command as the device receives it (Get Command, and the MQTT command topics). */
export type DeviceCommandPayload = {
  id: string;
  device_id: string;
  name: string;
  parameters: Record<string, unknown>;
  status: CommandStatus;
};
