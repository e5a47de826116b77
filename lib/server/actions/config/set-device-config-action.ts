"use server";

import { revalidatePath } from "next/cache";
import { logger } from "@/lib/runtime/logger";
import type { ActionResult } from "@/lib/action-result";
import { setDeviceConfigFormSchema } from "@/lib/schemas/device-config";
import { getHub } from "@/lib/server/start/start-hub";
import { setDeviceConfig } from "../../data/config/set-device-config";
import { pushConfig } from "../../device-conversation/push-to-device";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("device.config", setDeviceConfigFormSchema, async ({ deviceId, config }, viewer) => {
  const payload = await setDeviceConfig({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    deviceId,
    config,
  });
  const isPushed = await pushConfig(getHub(), deviceId, payload).catch((error: unknown) => {
    logger("device-conversation").warn(
      { err: error, deviceId },
      `Pushing config version ${payload.version} failed; the device reads it over HTTP`,
    );
    return false;
  });
  revalidatePath(`/devices/${deviceId}`);
  return {
    ok: true,
    data: { version: payload.version, isPushed },
    message: `Config version ${payload.version} saved${isPushed ? " and sent to the device" : ""}`,
  };
});

export async function setDeviceConfigAction(
  previous: ActionResult<{ version: number; isPushed: boolean }> | null,
  formData: FormData,
) {
  return run(previous, formData);
}
