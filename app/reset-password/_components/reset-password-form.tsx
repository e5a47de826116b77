"use client";

import { resetPasswordSchema } from "@/lib/schemas/auth";
import { resetPasswordAction } from "@/lib/server/actions/auth/reset-password-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export function ResetPasswordForm({ token }: { token: string }) {
  const form = useFormAction(resetPasswordAction, { schema: resetPasswordSchema });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate className="space-y-4">
      <h1 className="text-lg font-semibold">Set a new password</h1>
      <input type="hidden" name="token" value={token} />
      <FormField
        id="new-password"
        label="New password"
        hint="At least 10 characters. Every session of your account is ended."
        errors={form.fieldErrors.newPassword}
      >
        {(control) => <Input {...control} name="newPassword" type="password" autoComplete="new-password" required />}
      </FormField>
      <FormMessage message={form.formMessage} />
      <Button type="submit" className="w-full" disabled={form.isPending}>
        {form.isPending ? "Please wait…" : "Set password"}
      </Button>
    </form>
  );
}
