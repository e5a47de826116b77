"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { IntentLink } from "@/components/ui/intent-link";
import { cn } from "@/lib/utils";

/** A main-navigation link, marked current on its section's pages. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const isCurrent = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <IntentLink
      href={href}
      aria-current={isCurrent ? "page" : undefined}
      className={cn(
        "rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100",
        isCurrent && "bg-slate-100 text-slate-900",
      )}
    >
      {children}
    </IntentLink>
  );
}
