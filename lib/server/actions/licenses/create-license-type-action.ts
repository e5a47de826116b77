"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { licenseTypeSchema } from "@/lib/schemas/license";
import { createLicenseType } from "../../data/licenses/license-types";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("license.manage", licenseTypeSchema, async (input, viewer) => {
  const type = await createLicenseType({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
  revalidatePath(`/models/${input.modelId}`);
  return { ok: true, data: null, message: `Licence type ${type.name} added` };
});

export async function createLicenseTypeAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
