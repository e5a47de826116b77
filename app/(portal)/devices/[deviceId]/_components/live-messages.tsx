"use client";

import type { LoggedMessage } from "@/lib/mqtt/message-log";
import { Button } from "@/components/ui/button";
import { MessageLog } from "./message-log";
import { sendTestCommand } from "./use-send-command";

/** What the live check's session sent and received, with a test command the portal sends to it. */
export function LiveMessages({
  deviceId,
  messages,
  isDisconnected,
  onClear,
}: {
  deviceId: string;
  messages: LoggedMessage[];
  isDisconnected: boolean;
  onClear: () => void;
}) {
  return (
    <div className="mt-4">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Messages</h3>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          disabled={isDisconnected}
          onClick={() => void sendTestCommand(deviceId)}
        >
          Send a test command from the portal
        </Button>
      </div>
      <MessageLog messages={messages} onClear={onClear} />
    </div>
  );
}
