import "server-only";
import { db } from "../../database/db";
import { auditEventData } from "../audit/record-audit-event";
import { memberLabel } from "../../member-label";

/**
 * Audits a password reset by email in every partner the user belongs to:
 * each partner's admins see that the member's credentials changed.
 */
export async function recordPasswordReset(options: {
  user: { id: string; name: string; email: string };
  ip: string | null;
}): Promise<void> {
  const { user, ip } = options;
  const memberships = await db.member.findMany({
    where: { userId: user.id },
    select: { id: true, organizationId: true },
  });
  if (memberships.length === 0) return;
  const label = memberLabel(user.name, user.email);
  await db.auditEvent.createMany({
    data: memberships.map((member) =>
      auditEventData({
        partnerId: member.organizationId,
        actor: { userId: user.id, label, ip },
        action: "member.password_reset",
        targetType: "member",
        targetId: member.id,
        summary: `${label} set a new password from an emailed reset link; all their sessions were ended`,
      }),
    ),
  });
}
