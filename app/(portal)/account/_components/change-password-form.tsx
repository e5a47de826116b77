"use client";

import { changePasswordSchema } from "@/lib/schemas/account";
import { changePasswordAction } from "@/lib/server/actions/account/change-password-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export function ChangePasswordForm() {
  const form = useFormAction(changePasswordAction, { schema: changePasswordSchema });
  return (
    <section aria-labelledby="password" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="password" className="text-base font-semibold text-slate-900">
        Change password
      </h2>
      <form action={form.formAction} onSubmit={form.onSubmit} className="mt-4 grid max-w-md gap-4">
        <FormField id="current-password" label="Current password" errors={form.fieldErrors.currentPassword}>
          {(control) => (
            <Input {...control} name="currentPassword" type="password" autoComplete="current-password" required />
          )}
        </FormField>
        <FormField
          id="new-password"
          label="New password"
          hint="At least 10 characters. Your other sessions are ended."
          errors={form.fieldErrors.newPassword}
        >
          {(control) => <Input {...control} name="newPassword" type="password" autoComplete="new-password" required />}
        </FormField>
        <FormMessage message={form.formMessage} />
        <Button type="submit" className="justify-self-start" disabled={form.isPending}>
          {form.isPending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </section>
  );
}
