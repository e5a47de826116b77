"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { createHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { createHardwareKey } from "../../data/hardware-keys/create-hardware-key";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

export type CreatedHardwareKey = { id: string; secret: string; label: string };

const run = partnerAction("hardwareKey.manage", createHardwareKeySchema, async (input, viewer) => {
  const key = await createHardwareKey({ partnerId: viewer.partnerId, actor: await actorOf(viewer), input });
  revalidatePath(`/models/${input.modelId}`);
  return { ok: true, data: key, message: `Hardware key "${key.label}" created` };
});

/** The secret is returned to this one response and shown once by the dialog. */
export async function createHardwareKeyAction(previous: ActionResult<CreatedHardwareKey> | null, formData: FormData) {
  return run(previous, formData);
}
