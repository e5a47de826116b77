import type { Metadata } from "next";
import Link from "next/link";
import { isMailConfigured } from "@/lib/server/mail/send-mail";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

/** Asks for a reset link by email; only offered when the portal can send mail. */
export default function ForgotPasswordPage() {
  if (isMailConfigured()) return <ForgotPasswordForm />;
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Reset your password</h1>
      <p className="text-sm text-slate-600">
        This portal sends no email (SMTP_URL is not set), so it cannot send you a reset link. Ask its operator to
        configure outgoing mail; if you still know your password, sign in and change it under Account.
      </p>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
