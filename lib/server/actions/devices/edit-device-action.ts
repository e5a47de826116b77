"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { editDeviceSchema } from "@/lib/schemas/device-update";
import { editDeviceInfo } from "../../data/devices/edit-device-info";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("device.edit", editDeviceSchema, async (input, viewer) => {
  await editDeviceInfo({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
  revalidatePath(`/devices/${input.deviceId}`);
  return { ok: true, data: null, message: "Device saved" };
});

export async function editDeviceAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
