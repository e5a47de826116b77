"use server";

import type { ActionResult } from "@/lib/action-result";
import { sendCommandFormSchema } from "@/lib/schemas/device-command";
import { getHub } from "@/lib/server/start-hub";
import { queueCommand } from "../../data/commands/queue-command";
import { pushCommands } from "../../device-conversation/push-to-device";
import { actorOf } from "../../session";
import { partnerAction } from "../partner-action";

const run = partnerAction(sendCommandFormSchema, async ({ deviceId, name, parameters }, viewer) => {
  const command = await queueCommand({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    deviceId,
    command: { name, parameters },
  });
  // Queued first: a device not listening over MQTT takes it over HTTP or when it subscribes.
  const isPushed = await pushCommands(getHub(), deviceId, [command]).then(
    (count) => count > 0,
    (error: unknown) => {
      console.error(`Pushing command ${command.id} failed; it waits in the queue`, error);
      return false;
    },
  );
  return {
    ok: true,
    data: { id: command.id, isPushed },
    message: isPushed ? `Command ${name} sent to the device` : `Command ${name} queued until the device asks for it`,
  };
});

export async function sendCommandAction(
  previous: ActionResult<{ id: string; isPushed: boolean }> | null,
  formData: FormData,
) {
  return run(previous, formData);
}
