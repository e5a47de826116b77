"use client";

import Link from "next/link";
import { acceptWithSignUpSchema } from "@/lib/schemas/members";
import { acceptInvitationAction } from "@/lib/server/actions/members/accept-invitation-action";
import { acceptInvitationWithSignUpAction } from "@/lib/server/actions/members/accept-invitation-sign-up-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Props = { invitationId: string; email: string; isSignedIn: boolean; signInHref: string };

/** Signed in as the invitee: one button. Signed out: create the account from the link, or sign in. */
export function AcceptInvitation({ invitationId, email, isSignedIn, signInHref }: Props) {
  return isSignedIn ? (
    <AcceptButton invitationId={invitationId} />
  ) : (
    <SignUpToAccept {...{ invitationId, email, signInHref }} />
  );
}

function FormMessage({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

function AcceptButton({ invitationId }: { invitationId: string }) {
  const form = useFormAction(acceptInvitationAction);
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} className="mt-6">
      <input type="hidden" name="invitationId" value={invitationId} />
      <FormMessage message={form.formMessage} />
      <Button type="submit" className="mt-4 w-full" disabled={form.isPending}>
        {form.isPending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}

function SignUpToAccept({ invitationId, email, signInHref }: Omit<Props, "isSignedIn">) {
  const form = useFormAction(acceptInvitationWithSignUpAction, { schema: acceptWithSignUpSchema });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} className="mt-6 space-y-4">
      <input type="hidden" name="invitationId" value={invitationId} />
      <FormField id="invite-account-email" label="Email">
        {(control) => <Input {...control} value={email} readOnly />}
      </FormField>
      <FormField id="invite-name" label="Your name" errors={form.fieldErrors.name}>
        {(control) => <Input {...control} name="name" autoComplete="name" required />}
      </FormField>
      <FormField
        id="invite-password"
        label="Password"
        hint="At least 10 characters."
        errors={form.fieldErrors.password}
      >
        {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" required />}
      </FormField>
      <FormMessage message={form.formMessage} />
      <Button type="submit" className="w-full" disabled={form.isPending}>
        {form.isPending ? "Creating account…" : "Create account and join"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={signInHref} className="font-medium text-brand-700 hover:underline">
          Sign in to accept
        </Link>
      </p>
    </form>
  );
}
