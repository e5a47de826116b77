"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { issueLicenseSchema } from "@/lib/schemas/license";
import { issueLicense } from "../../data/licenses/issue-license";
import { announceLicenses } from "../../device-conversation/announce-licenses";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("license.manage", issueLicenseSchema, async (input, viewer) => {
  const license = await issueLicense({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
  await announceLicenses(input.deviceId);
  revalidatePath(`/devices/${input.deviceId}`);
  return {
    ok: true,
    data: null,
    message: `Licence ${license.type.name} issued: the device is told on its next telemetry`,
  };
});

export async function issueLicenseAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
