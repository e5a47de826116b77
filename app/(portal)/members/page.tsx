import type { Metadata } from "next";
import { assignableRoles, can } from "@/lib/auth/policy";
import { findMembers, findPendingInvitations } from "@/lib/server/data/members/find-members";
import { invitationLink } from "@/lib/server/mail/invitation-mail";
import { isMailConfigured } from "@/lib/server/mail/send-mail";
import { requireViewer } from "@/lib/server/auth/session";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { InviteMemberForm } from "./_components/invite-member-form";
import { MembersTable } from "./_components/members-table";
import { PendingInvitations } from "./_components/pending-invitations";

export const metadata: Metadata = { title: "Members" };

/** Who belongs to the partner, with what role; invitations waiting to be accepted. */
export default async function MembersPage() {
  const viewer = await requireViewer();
  if (!can(viewer.role, "member.manage")) {
    return (
      <>
        <PageHeader title="Members" />
        <EmptyState
          title="Members are managed by admins and owners"
          description={`Your role (${viewer.role}) cannot see or change ${viewer.partnerName}'s members.`}
        />
      </>
    );
  }
  const [members, invitations] = await Promise.all([
    findMembers({ partnerId: viewer.partnerId }),
    findPendingInvitations({ partnerId: viewer.partnerId }),
  ]);
  const roles = assignableRoles(viewer.role);
  return (
    <>
      <PageHeader
        title="Members"
        description={`Everyone in ${viewer.partnerName}, and what their role lets them do.`}
      />
      <InviteMemberForm roles={roles} isMailConfigured={isMailConfigured()} />
      <MembersTable
        members={members}
        viewerUserId={viewer.userId}
        roles={roles}
        canManageOwners={can(viewer.role, "member.manageOwners")}
      />
      <PendingInvitations
        invitations={invitations.map((i) => ({ ...i, link: invitationLink(i.id) }))}
        canManageOwners={can(viewer.role, "member.manageOwners")}
      />
    </>
  );
}
