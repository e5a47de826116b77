"use client";

import { useMutation } from "@tanstack/react-query";
import type { FieldErrors } from "@/lib/action-result";
import type { NewCommand } from "@/lib/schemas/device-command";
import { toast } from "@/components/ui/toaster";
import { useRefreshConversation } from "./use-device-conversation";

export type SentCommand = { id: string; isPushed: boolean; message: string };

export class SendCommandError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

/** POSTs a command to the portal's command queue for this device. */
export async function sendCommand(deviceId: string, command: NewCommand): Promise<SentCommand> {
  const response = await fetch(`/api/devices/${deviceId}/commands`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(command),
  });
  const json = (await response.json().catch(() => ({}))) as Partial<SentCommand> & {
    error?: string;
    fieldErrors?: FieldErrors;
  };
  if (!response.ok)
    throw new SendCommandError(json.error ?? `The portal answered ${response.status}.`, json.fieldErrors);
  return json as SentCommand;
}

/** Sending a command from the device page: toasts the outcome and refreshes the page's conversation. */
export function useSendCommand(deviceId: string) {
  const refresh = useRefreshConversation(deviceId);
  return useMutation({
    mutationFn: (command: NewCommand) => sendCommand(deviceId, command),
    onSuccess: (sent) => {
      toast.success(sent.message);
      refresh();
    },
  });
}

/** A real command through the device's queue: "ping", which the panel (as the device) receives. */
export async function sendTestCommand(deviceId: string) {
  try {
    const sent = await sendCommand(deviceId, { name: "ping", parameters: { from: "partner-hub" } });
    toast.success(sent.message);
  } catch (error) {
    toast.error((error as Error).message);
  }
}
