"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { revokeApiTokenSchema } from "@/lib/schemas/api-token";
import { revokeApiToken } from "../../data/api-tokens/revoke-api-token";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("apiToken.manage", revokeApiTokenSchema, async ({ tokenId }, viewer) => {
  const { name } = await revokeApiToken({ partnerId: viewer.partnerId, actor: await actorOf(viewer), tokenId });
  revalidatePath("/api-tokens");
  return { ok: true, data: null, message: `Token "${name}" revoked` };
});

export async function revokeApiTokenAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
