"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { deleteFirmwareFileSchema } from "@/lib/schemas/firmware";
import { deleteFirmwareFile } from "../../data/firmware/delete-firmware-file";
import { removeFirmware } from "../../firmware/firmware-store";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("firmware.manage", deleteFirmwareFileSchema, async ({ fileId }, viewer) => {
  const { modelId, version } = await deleteFirmwareFile({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    fileId,
  });
  // After the row's commit: a crash in between leaves bytes that housekeeping sweeps.
  await removeFirmware(fileId);
  revalidatePath(`/models/${modelId}`);
  return { ok: true, data: null, message: `Firmware ${version} deleted` };
});

export async function deleteFirmwareFileAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
