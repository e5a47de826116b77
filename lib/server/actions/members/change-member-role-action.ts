"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { changeMemberRoleSchema } from "@/lib/schemas/members";
import { auth } from "../../auth/auth";
import { callAuth } from "../../auth/auth-errors";
import { getMemberOrThrow } from "../../data/members/get-member-or-throw";
import { memberAccessChanged } from "../../auth/member-access-changed";
import { actorOf, memberLabel, requirePermission } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("member.manage", changeMemberRoleSchema, async ({ memberId, role }, viewer) => {
  const member = await getMemberOrThrow({ partnerId: viewer.partnerId, memberId });
  // Only owners make owners or change an owner's role.
  if (role === "owner" || member.role === "owner") requirePermission(viewer, "member.manageOwners");
  if (member.role === role) return { ok: true, data: null, message: `${member.name} is already ${role}` };
  await callAuth(async () =>
    auth.api.updateMemberRole({
      body: { memberId, role, organizationId: viewer.partnerId },
      headers: await headers(),
    }),
  );
  await memberAccessChanged(member.userId, {
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    action: "member.role_changed",
    targetType: "member",
    targetId: member.id,
    summary: `Changed ${memberLabel(member.name, member.email)} from ${member.role} to ${role}`,
  });
  revalidatePath("/members");
  return { ok: true, data: null, message: `${member.name} is now ${role}` };
});

export async function changeMemberRoleAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}
