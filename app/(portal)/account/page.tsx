import type { Metadata } from "next";
import { headers } from "next/headers";
import { auth } from "@/lib/server/auth/auth";
import { findSessions } from "@/lib/server/data/account/find-sessions";
import { requireViewer } from "@/lib/server/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { ChangePasswordForm } from "./_components/change-password-form";
import { LeavePartner } from "./_components/leave-partner";
import { SessionsSection } from "./_components/sessions-section";

export const metadata: Metadata = { title: "Account" };

/** The signed-in user's own account: password, sessions, and leaving the partner. */
export default async function AccountPage() {
  const viewer = await requireViewer();
  const [sessions, current] = await Promise.all([
    findSessions({ userId: viewer.userId }),
    auth.api.getSession({ headers: await headers() }),
  ]);
  return (
    <>
      <PageHeader title="Account" description={`${viewer.userName} <${viewer.email}>`} />
      <ChangePasswordForm />
      <SessionsSection sessions={sessions} currentId={current?.session.id ?? ""} />
      <LeavePartner partnerName={viewer.partnerName} />
    </>
  );
}
