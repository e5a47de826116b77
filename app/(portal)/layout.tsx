import type { ReactNode } from "react";
import { can } from "@/lib/auth/policy";
import { signOutAction } from "@/lib/server/actions/auth/sign-out-action";
import { findMemberships } from "@/lib/server/data/members/find-memberships";
import { requireViewer } from "@/lib/server/auth/session";
import { PartnerSwitcher } from "@/components/layout/partner-switcher";
import { IntentLink } from "@/components/ui/intent-link";
import { NavLink } from "@/components/ui/nav-link";
import { QueryProvider } from "@/components/providers/query-provider";
import { Button } from "@/components/ui/button";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const memberships = await findMemberships({ userId: viewer.userId });
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
          <IntentLink href="/" className="flex items-center gap-2 font-semibold">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
              P
            </span>
            Partner Hub
          </IntentLink>
          <nav aria-label="Main" className="flex items-center gap-1 text-sm">
            <NavLink href="/">Overview</NavLink>
            <NavLink href="/models">Models</NavLink>
            <NavLink href="/devices">Devices</NavLink>
            {can(viewer.role, "member.manage") ? <NavLink href="/members">Members</NavLink> : null}
            <NavLink href="/webhooks">Webhooks</NavLink>
            <NavLink href="/api-tokens">API tokens</NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            {memberships.length > 1 ? <PartnerSwitcher partners={memberships} activeId={viewer.partnerId} /> : null}
            <span className="hidden text-right sm:block">
              {memberships.length > 1 ? null : (
                <span className="block font-medium text-slate-900">{viewer.partnerName}</span>
              )}
              <span className="block text-xs text-slate-500">
                {viewer.email} · {viewer.role}
              </span>
            </span>
            <Button asChild variant="ghost" size="sm">
              <IntentLink href="/account">Account</IntentLink>
            </Button>
            <form action={signOutAction}>
              <Button type="submit" variant="secondary" size="sm">
                Sign out
              </Button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">
        <QueryProvider>{children}</QueryProvider>
      </main>
    </div>
  );
}
