import type { Metadata } from "next";
import Link from "next/link";
import { BrandShell } from "@/components/ui/brand-shell";
import { Button } from "@/components/ui/button";
import { StatusPage } from "@/components/ui/status-page";
import { ResetPasswordForm } from "./_components/reset-password-form";

export const metadata: Metadata = { title: "Set a new password" };

type Props = { searchParams: Promise<{ token?: string; error?: string }> };

/**
 * Where better-auth sends the emailed link once it has checked the token
 * (?token=…), or with ?error=INVALID_TOKEN. Outside (auth) so that a browser
 * still signed in can use the link too.
 */
export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token, error } = await searchParams;
  if (error || !token) {
    return (
      <StatusPage
        code="Password reset"
        title="This reset link is no longer valid"
        actions={
          <Button asChild variant="secondary">
            <Link href="/forgot-password">Ask for a new link</Link>
          </Button>
        }
      >
        It was used already or has expired: each link works once, for an hour.
      </StatusPage>
    );
  }
  return (
    <BrandShell>
      <ResetPasswordForm token={token} />
    </BrandShell>
  );
}
