"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { deleteDumpSchema } from "@/lib/schemas/dump";
import { deleteDumpRow } from "../../data/dumps/dump-rows";
import { dumpStore } from "../../dumps/dump-store";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("dump.manage", deleteDumpSchema, async ({ dumpId }, viewer) => {
  const dump = await deleteDumpRow({ partnerId: viewer.partnerId, actor: await actorOf(viewer), dumpId });
  // After the row's commit: a crash in between leaves bytes that housekeeping sweeps.
  await dumpStore.remove(dump.id);
  revalidatePath(`/devices/${dump.deviceId}`);
  return { ok: true, data: null, message: `Dump ${dump.fileName} deleted` };
});

export async function deleteDumpAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
