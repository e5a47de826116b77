"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { removeMemberSchema } from "@/lib/schemas/members";
import { auth } from "../../auth/auth";
import { callAuth } from "../../auth/auth-errors";
import { getMemberOrThrow } from "../../data/members/get-member-or-throw";
import { memberAccessChanged } from "../../auth/member-access-changed";
import { actorOf, memberLabel, requirePermission } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("member.manage", removeMemberSchema, async ({ memberId }, viewer) => {
  const member = await getMemberOrThrow({ partnerId: viewer.partnerId, memberId });
  if (member.role === "owner") requirePermission(viewer, "member.manageOwners");
  await callAuth(async () =>
    auth.api.removeMember({
      body: { memberIdOrEmail: memberId, organizationId: viewer.partnerId },
      headers: await headers(),
    }),
  );
  await memberAccessChanged(member.userId, {
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    action: "member.removed",
    targetType: "member",
    targetId: member.id,
    summary: `Removed ${memberLabel(member.name, member.email)} (${member.role})`,
  });
  revalidatePath("/members");
  return { ok: true, data: null, message: `${member.name} was removed` };
});

export async function removeMemberAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
