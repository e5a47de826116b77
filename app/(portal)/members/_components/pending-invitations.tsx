"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import type { PendingInvitation } from "@/lib/server/data/members/find-members";
import { cancelInvitationAction } from "@/lib/server/actions/members/cancel-invitation-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";

type Invitation = PendingInvitation & { link: string };

/** Invitations not yet accepted, with their link to copy again and a way to cancel them. */
export function PendingInvitations({
  invitations,
  canManageOwners,
}: {
  invitations: Invitation[];
  canManageOwners: boolean;
}) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="pending-invitations" className="mt-8">
      <h2 id="pending-invitations" className="mb-3 text-lg font-semibold text-slate-900">
        Pending invitations
      </h2>
      <Table aria-label="Pending invitations">
        <thead>
          <tr>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Invited by</Th>
            <Th>Expires</Th>
            <Th className="sr-only">Actions</Th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <Td>{invitation.email}</Td>
              <Td>{invitation.role}</Td>
              <Td>{invitation.inviterName}</Td>
              <Td>
                <DateTime value={invitation.expiresAt} />
              </Td>
              <Td>
                <div className="flex justify-end gap-2">
                  <CopyButton value={invitation.link} label={`invitation link for ${invitation.email}`} />
                  {invitation.role !== "owner" || canManageOwners ? <CancelInvitation invitation={invitation} /> : null}
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

function CancelInvitation({ invitation }: { invitation: Invitation }) {
  const router = useRouter();
  const onSuccess = useCallback(() => router.refresh(), [router]);
  const form = useFormAction(cancelInvitationAction, { onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit}>
      <input type="hidden" name="invitationId" value={invitation.id} />
      <Button type="submit" size="sm" variant="ghost" disabled={form.isPending}>
        Cancel<span className="sr-only"> the invitation for {invitation.email}</span>
      </Button>
    </form>
  );
}
