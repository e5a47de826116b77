"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { deviceIdSchema } from "@/lib/schemas/connection-check";
import { getHub } from "@/lib/server/start-hub";
import { rotateDeviceKey } from "../../data/devices/change-device";
import { actorOf } from "../../session";
import { partnerAction } from "../partner-action";

const run = partnerAction(
  "device.rotate",
  deviceIdSchema,
  async ({ deviceId }, viewer): Promise<ActionResult<{ accessKey: string }>> => {
    const result = await rotateDeviceKey({
      partnerId: viewer.partnerId,
      actor: await actorOf(viewer),
      deviceId,
      hub: getHub(),
    });
    revalidatePath(`/devices/${deviceId}`);
    return { ok: true, data: result, message: "Access key rotated; the old key no longer works" };
  },
);

/** The new key is in this one response; the dialog shows it once. */
export async function rotateDeviceKeyAction(previous: ActionResult<{ accessKey: string }> | null, formData: FormData) {
  return run(previous, formData);
}
