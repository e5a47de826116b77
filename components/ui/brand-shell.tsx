import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * The frame of the pages outside the signed-in layout (sign-in, password
 * reset, not found, errors): the portal's mark over one centred card.
 */
export function BrandShell({ children, cardClassName }: { children: ReactNode; cardClassName?: string }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-xl font-semibold text-slate-900">
        <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white">
          P
        </span>
        Partner Hub
      </div>
      <div className={cn("w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm", cardClassName)}>
        {children}
      </div>
    </main>
  );
}
