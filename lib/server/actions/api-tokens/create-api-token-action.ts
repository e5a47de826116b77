"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { createApiTokenSchema } from "@/lib/schemas/api-token";
import { createApiToken } from "../../data/api-tokens/create-api-token";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

export type CreatedApiToken = { id: string; name: string; secret: string };

const run = partnerAction("apiToken.manage", createApiTokenSchema, async (input, viewer) => {
  const token = await createApiToken({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    actorRole: viewer.role,
    input,
  });
  revalidatePath("/api-tokens");
  return {
    ok: true,
    data: { id: token.id, name: token.name, secret: token.secret },
    message: `Token "${token.name}" created`,
  };
});

/** The secret is returned to this one response and shown once by the dialog. */
export async function createApiTokenAction(previous: ActionResult<CreatedApiToken> | null, formData: FormData) {
  return run(previous, formData);
}
