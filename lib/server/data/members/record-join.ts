import "server-only";
import { memberLabel } from "../../member-label";
import type { InvitationView } from "./get-invitation";
import { recordMemberEvent } from "./record-member-event";

/** Audits an accepted invitation in the partner the member joined. */
export async function recordJoin(options: {
  invitation: InvitationView;
  user: { id: string; name: string; email: string };
  ip: string | null;
}): Promise<void> {
  const { invitation, user } = options;
  const label = memberLabel(user.name, user.email);
  await recordMemberEvent({
    partnerId: invitation.partnerId,
    actor: { userId: user.id, label, ip: options.ip },
    action: "member.joined",
    targetType: "invitation",
    targetId: invitation.id,
    summary: `${label} accepted the invitation of ${invitation.inviterName} and joined as ${invitation.role}`,
  });
}
