"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { cancelInvitationSchema } from "@/lib/schemas/members";
import { auth } from "../../auth/auth";
import { callAuth } from "../../auth/auth-errors";
import { AppError } from "../../errors";
import { getInvitation } from "../../data/members/get-invitation";
import { recordMemberEvent } from "../../data/members/record-member-event";
import { actorOf, requirePermission } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("member.manage", cancelInvitationSchema, async ({ invitationId }, viewer) => {
  const invitation = await getInvitation({ invitationId });
  if (!invitation || invitation.partnerId !== viewer.partnerId)
    throw new AppError("NOT_FOUND", "Invitation not found.");
  if (invitation.role === "owner") requirePermission(viewer, "member.manageOwners");
  await callAuth(async () => auth.api.cancelInvitation({ body: { invitationId }, headers: await headers() }));
  await recordMemberEvent({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    action: "invitation.canceled",
    targetType: "invitation",
    targetId: invitationId,
    summary: `Canceled the invitation of ${invitation.email} as ${invitation.role}`,
  });
  revalidatePath("/members");
  return { ok: true, data: null, message: `Invitation for ${invitation.email} canceled` };
});

export async function cancelInvitationAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
