"use client";

import { useCallback, useState } from "react";
import type { Role } from "@/lib/auth/policy";
import { inviteMemberSchema } from "@/lib/schemas/members";
import { inviteMemberAction, type InvitationCreated } from "@/lib/server/actions/members/invite-member-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input, NativeSelect } from "@/components/ui/input";

/** Invite by email with a role; the link is shown to copy (and emailed when SMTP is configured). */
export function InviteMemberForm({ roles, isMailConfigured }: { roles: Role[]; isMailConfigured: boolean }) {
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const onSuccess = useCallback((data: InvitationCreated) => setCreated(data), []);
  const form = useFormAction(inviteMemberAction, { schema: inviteMemberSchema, onSuccess });
  return (
    <section aria-labelledby="invite" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="invite" className="text-base font-semibold text-slate-900">
        Invite a member
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {isMailConfigured
          ? "They get an email with a link; you can also copy the link below."
          : "Copy the link and send it to them: email is not configured on this portal."}{" "}
        The link works once.
      </p>
      <form action={form.formAction} onSubmit={form.onSubmit} className="mt-4 flex flex-wrap items-start gap-3">
        <FormField id="invite-email" label="Email" errors={form.fieldErrors.email} className="min-w-64 flex-1">
          {(control) => <Input {...control} name="email" type="email" autoComplete="off" required />}
        </FormField>
        <FormField id="invite-role" label="Role" errors={form.fieldErrors.role}>
          {(control) => (
            <NativeSelect {...control} name="role" defaultValue="developer">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <Button type="submit" className="mt-7" disabled={form.isPending}>
          {form.isPending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      {form.formMessage ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {form.formMessage}
        </p>
      ) : null}
      {created ? (
        <div role="status" className="mt-4 flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
          <code data-testid="invitation-link" className="flex-1 font-mono text-sm break-all">
            {created.link}
          </code>
          <CopyButton value={created.link} label="invitation link" />
        </div>
      ) : null}
    </section>
  );
}
