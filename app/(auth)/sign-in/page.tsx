import type { Metadata } from "next";
import Link from "next/link";
import { isMailConfigured } from "@/lib/server/mail/send-mail";
import { AuthForm } from "../_components/auth-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string; reset?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { next, reset } = await searchParams;
  // A reset link needs outgoing mail; without it, say why there is none.
  const help = isMailConfigured() ? (
    <p className="text-right text-sm">
      <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
        Forgot password?
      </Link>
    </p>
  ) : (
    <p className="text-xs text-slate-500">
      Forgot your password? This portal sends no email (SMTP_URL is not set), so it cannot send a reset link: ask its
      operator.
    </p>
  );
  return (
    <AuthForm
      mode="sign-in"
      help={help}
      {...(next ? { next } : {})}
      {...(reset === "done"
        ? { notice: "Your password was changed and every session ended. Sign in with the new password." }
        : {})}
    />
  );
}
