"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import type { Role } from "@/lib/auth/policy";
import type { MemberRow } from "@/lib/server/data/members/find-members";
import { changeMemberRoleAction } from "@/lib/server/actions/members/change-member-role-action";
import { removeMemberAction } from "@/lib/server/actions/members/remove-member-action";
import { ConfirmActionForm } from "@/components/forms/confirm-action-form";
import { useFormAction } from "@/components/forms/use-form-action";
import { AlertDialog, AlertDialogContent, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { NativeSelect } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";

type Props = { members: MemberRow[]; viewerUserId: string; roles: Role[]; canManageOwners: boolean };

/** Members with role and last activity; their role changed or removed where the viewer's role allows. */
export function MembersTable({ members, viewerUserId, roles, canManageOwners }: Props) {
  return (
    <section aria-labelledby="members" className="mt-8">
      <h2 id="members" className="mb-3 text-lg font-semibold text-slate-900">
        {members.length} member{members.length === 1 ? "" : "s"}
      </h2>
      <Table aria-label="Members">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Role</Th>
            <Th>Last active</Th>
            <Th>Joined</Th>
            <Th className="sr-only">Actions</Th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const isEditable = member.role !== "owner" || canManageOwners;
            return (
              <tr key={member.id}>
                <Td>
                  <span className="block font-medium text-slate-900">
                    {member.name}
                    {member.userId === viewerUserId ? <span className="text-slate-500"> (you)</span> : null}
                  </span>
                  <span className="block text-xs text-slate-500">{member.email}</span>
                </Td>
                <Td>{isEditable ? <RoleForm member={member} roles={roles} /> : member.role}</Td>
                <Td>{member.lastActiveAt ? <DateTime value={member.lastActiveAt} /> : "Never"}</Td>
                <Td>
                  <DateTime value={member.joinedAt} />
                </Td>
                <Td className="text-right">{isEditable ? <RemoveMember member={member} /> : null}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </section>
  );
}

function RoleForm({ member, roles }: { member: MemberRow; roles: Role[] }) {
  const router = useRouter();
  const onSuccess = useCallback(() => router.refresh(), [router]);
  const form = useFormAction(changeMemberRoleAction, { onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} className="flex items-center gap-2">
      <input type="hidden" name="memberId" value={member.id} />
      <NativeSelect name="role" defaultValue={member.role} aria-label={`Role of ${member.name}`} className="w-36">
        {roles.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </NativeSelect>
      <Button type="submit" size="sm" variant="secondary" disabled={form.isPending}>
        Save
      </Button>
      {form.formMessage ? (
        <span role="alert" className="text-xs text-red-700">
          {form.formMessage}
        </span>
      ) : null}
    </form>
  );
}

function RemoveMember({ member }: { member: MemberRow }) {
  const router = useRouter();
  const onSuccess = useCallback(() => router.refresh(), [router]);
  const form = useFormAction(removeMemberAction, { onSuccess });
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
          Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title={`Remove ${member.name}?`}
        description="They lose access to this partner at once. Their actions stay in the audit log."
      >
        <ConfirmActionForm
          form={form}
          fields={{ memberId: member.id }}
          submitLabel="Remove member"
          pendingLabel="Removing…"
          isDanger
        />
      </AlertDialogContent>
    </AlertDialog>
  );
}
