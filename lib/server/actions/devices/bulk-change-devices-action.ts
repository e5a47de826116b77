"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { getHub } from "@/lib/server/start/start-hub";
import { bulkDeviceActionSchema } from "@/lib/schemas/device-list";
import { changeDevices } from "../../data/devices/change-devices";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const DONE = { disable: "disabled; their connections were closed", enable: "enabled", delete: "deleted" } as const;

const run = partnerAction(
  ({ action }) => (action === "delete" ? "device.delete" : "device.disable"),
  bulkDeviceActionSchema,
  async ({ action, deviceIds }, viewer): Promise<ActionResult<{ count: number }>> => {
    const { count, isHubPending } = await changeDevices({
      partnerId: viewer.partnerId,
      actor: await actorOf(viewer),
      deviceIds,
      action,
      hub: getHub(),
    });
    revalidatePath("/devices");
    revalidatePath("/models", "layout");
    return {
      ok: true,
      data: { count },
      message:
        `${count.toLocaleString("en-US")} device${count === 1 ? "" : "s"} ${DONE[action]}` +
        (isHubPending ? ". The MQTT hub is restarting: it applies this as soon as it is back" : ""),
    };
  },
);

export async function bulkChangeDevicesAction(previous: ActionResult<{ count: number }> | null, formData: FormData) {
  return run(previous, formData);
}
