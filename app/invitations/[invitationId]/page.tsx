import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { signOutAction } from "@/lib/server/actions/auth/sign-out-action";
import { auth } from "@/lib/server/auth/auth";
import { getInvitation } from "@/lib/server/data/members/get-invitation";
import { Button } from "@/components/ui/button";
import { StatusPage } from "@/components/ui/status-page";
import { AcceptInvitation } from "./_components/accept-invitation";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ invitationId: string }> };

/** An invitation link: accept it signed in as the invitee, or create the invitee's account from it. */
export default async function InvitationPage({ params }: Props) {
  const { invitationId } = await params;
  const invitation = await getInvitation({ invitationId });
  if (!invitation || invitation.state !== "pending") {
    return (
      <StatusPage
        code="Invitation"
        title="This invitation link is no longer valid"
        actions={
          <Button asChild variant="secondary">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        }
      >
        It was used, canceled or has expired. Ask whoever invited you for a new one.
      </StatusPage>
    );
  }
  const session = await auth.api.getSession({ headers: await headers() });
  const signedInEmail = session?.user.email.toLowerCase() ?? null;
  if (signedInEmail && signedInEmail !== invitation.email.toLowerCase()) {
    return (
      <StatusPage
        code="Invitation"
        title={`This invitation is for ${invitation.email}`}
        actions={
          <form action={signOutAction}>
            <Button type="submit" variant="secondary">
              Sign out
            </Button>
          </form>
        }
      >
        You are signed in as {session?.user.email}. Sign out, then open the link again to accept it with the invited
        address.
      </StatusPage>
    );
  }
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Join {invitation.partnerName}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {invitation.inviterName} invited {invitation.email} as <strong>{invitation.role}</strong>.
        </p>
        <AcceptInvitation
          invitationId={invitation.id}
          email={invitation.email}
          isSignedIn={Boolean(session)}
          signInHref={`/sign-in?next=${encodeURIComponent(`/invitations/${invitation.id}`)}`}
        />
      </div>
    </main>
  );
}
