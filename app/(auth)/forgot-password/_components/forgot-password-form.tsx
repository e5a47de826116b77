"use client";

import Link from "next/link";
import { requestPasswordResetSchema } from "@/lib/schemas/auth";
import { requestPasswordResetAction } from "@/lib/server/actions/auth/request-password-reset-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export function ForgotPasswordForm() {
  const form = useFormAction(requestPasswordResetAction, {
    schema: requestPasswordResetSchema,
    isToastOnSuccess: false,
  });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate className="space-y-4">
      <h1 className="text-lg font-semibold">Reset your password</h1>
      <p className="text-sm text-slate-600">We email you a link to set a new one.</p>
      <FormField id="email" label="Email" errors={form.fieldErrors.email}>
        {(control) => <Input {...control} name="email" type="email" autoComplete="email" required />}
      </FormField>
      {form.successMessage ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {form.successMessage}
        </p>
      ) : null}
      <FormMessage message={form.formMessage} />
      <Button type="submit" className="w-full" disabled={form.isPending}>
        {form.isPending ? "Please wait…" : "Email me a link"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
