"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { revokeHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { revokeHardwareKey } from "../../data/hardware-keys/revoke-hardware-key";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("hardwareKey.manage", revokeHardwareKeySchema, async ({ keyId }, viewer) => {
  const { modelId, label } = await revokeHardwareKey({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    keyId,
  });
  revalidatePath(`/models/${modelId}`);
  return { ok: true, data: null, message: `Hardware key "${label}" revoked` };
});

export async function revokeHardwareKeyAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
