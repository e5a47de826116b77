"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { setDeviceEnabledSchema } from "@/lib/schemas/connection-check";
import { getHub } from "@/lib/server/start/start-hub";
import { setDeviceEnabled } from "../../data/devices/change-device";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction(
  "device.disable",
  setDeviceEnabledSchema,
  async ({ deviceId, isEnabled }, viewer): Promise<ActionResult> => {
    await setDeviceEnabled({
      partnerId: viewer.partnerId,
      actor: await actorOf(viewer),
      deviceId,
      isEnabled,
      hub: getHub(),
    });
    revalidatePath(`/devices/${deviceId}`);
    return {
      ok: true,
      data: null,
      message: isEnabled ? "Device enabled" : "Device disabled; its connection was closed",
    };
  },
);

export async function setDeviceEnabledAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
