"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { deviceIdSchema } from "@/lib/schemas/connection-check";
import { getHub } from "@/lib/server/start/start-hub";
import { rotateDeviceKey } from "../../data/devices/change-device";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction(
  "device.rotate",
  deviceIdSchema,
  async ({ deviceId }, viewer): Promise<ActionResult<{ accessKey: string }>> => {
    const { accessKey, isHubPending } = await rotateDeviceKey({
      partnerId: viewer.partnerId,
      actor: await actorOf(viewer),
      deviceId,
      hub: getHub(),
    });
    revalidatePath(`/devices/${deviceId}`);
    const message = isHubPending
      ? "Access key rotated. The MQTT hub is restarting: it takes the new key, and refuses the old one, as soon as it is back"
      : "Access key rotated; the old key no longer works";
    return { ok: true, data: { accessKey }, message };
  },
);

/** The new key is in this one response; the dialog shows it once. */
export async function rotateDeviceKeyAction(previous: ActionResult<{ accessKey: string }> | null, formData: FormData) {
  return run(previous, formData);
}
