"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { deviceIdSchema } from "@/lib/schemas/connection-check";
import { getHub } from "@/lib/server/start/start-hub";
import { deleteDevice } from "../../data/devices/change-device";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction(
  "device.delete",
  deviceIdSchema,
  async ({ deviceId }, viewer): Promise<ActionResult<{ modelId: string }>> => {
    const result = await deleteDevice({
      partnerId: viewer.partnerId,
      actor: await actorOf(viewer),
      deviceId,
      hub: getHub(),
    });
    return { ok: true, data: result };
  },
);

export async function deleteDeviceAction(previous: ActionResult<{ modelId: string }> | null, formData: FormData) {
  const result = await run(previous, formData);
  if (result.ok) redirect(`/models/${result.data.modelId}`);
  return result;
}
