"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { signInSchema, signUpSchema } from "@/lib/schemas/auth";
import { signInAction } from "@/lib/server/actions/auth/sign-in-action";
import { signUpAction } from "@/lib/server/actions/auth/sign-up-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Field = { name: string; label: string; type: string; autoComplete: string; hint?: string };

const MODES = {
  "sign-in": {
    title: "Sign in",
    submit: "Sign in",
    action: signInAction,
    schema: signInSchema,
    fields: [
      { name: "email", label: "Email", type: "email", autoComplete: "email" },
      { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
    ],
    switchText: "New to Partner Hub?",
    switchLink: { href: "/sign-up", label: "Create an account" },
  },
  "sign-up": {
    title: "Create your partner account",
    submit: "Create account",
    action: signUpAction,
    schema: signUpSchema,
    fields: [
      { name: "name", label: "Your name", type: "text", autoComplete: "name" },
      {
        name: "partnerName",
        label: "Company name",
        type: "text",
        autoComplete: "organization",
        hint: "Your organization in Partner Hub; you become its owner.",
      },
      { name: "email", label: "Work email", type: "email", autoComplete: "email" },
      {
        name: "password",
        label: "Password",
        type: "password",
        autoComplete: "new-password",
        hint: "At least 10 characters.",
      },
    ],
    switchText: "Already have an account?",
    switchLink: { href: "/sign-in", label: "Sign in" },
  },
} satisfies Record<
  string,
  { fields: Field[]; action: (p: ActionResult | null, f: FormData) => Promise<ActionResult>; [k: string]: unknown }
>;

type AuthFormProps = {
  mode: keyof typeof MODES;
  next?: string;
  /** A status line above the form (e.g. "your password was changed"). */
  notice?: string;
  /** Shown under the fields: the way to reset a forgotten password, or why there is none. */
  help?: ReactNode;
};

export function AuthForm({ mode, next, notice, help }: AuthFormProps) {
  const config = MODES[mode];
  // A sign-up by mail answers "check your inbox" in place (sign-in and other sign-ups move on to the portal).
  const form = useFormAction(config.action, { schema: config.schema, isToastOnSuccess: false });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate className="space-y-4">
      <h1 className="text-lg font-semibold">{config.title}</h1>
      {notice ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {config.fields.map((field: Field) => (
        <FormField
          key={field.name}
          id={field.name}
          label={field.label}
          hint={field.hint}
          errors={form.fieldErrors[field.name]}
        >
          {(control) => (
            <Input {...control} name={field.name} type={field.type} autoComplete={field.autoComplete} required />
          )}
        </FormField>
      ))}
      {help}
      {form.successMessage ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {form.successMessage}
        </p>
      ) : null}
      <FormMessage message={form.formMessage} />
      <Button type="submit" className="w-full" disabled={form.isPending}>
        {form.isPending ? "Please wait…" : config.submit}
      </Button>
      <p className="text-center text-sm text-slate-600">
        {config.switchText}{" "}
        <Link href={config.switchLink.href} className="font-medium text-brand-600 hover:underline">
          {config.switchLink.label}
        </Link>
      </p>
    </form>
  );
}
