"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { revokeLicenseSchema } from "@/lib/schemas/license";
import { revokeLicense } from "../../data/licenses/revoke-license";
import { announceLicenses } from "../../device-conversation/announce-licenses";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("license.manage", revokeLicenseSchema, async ({ licenseId }, viewer) => {
  const { deviceId } = await revokeLicense({ partnerId: viewer.partnerId, actor: await actorOf(viewer), licenseId });
  await announceLicenses(deviceId);
  revalidatePath(`/devices/${deviceId}`);
  return { ok: true, data: null, message: "Licence revoked" };
});

export async function revokeLicenseAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
