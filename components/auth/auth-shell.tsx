import type { ReactNode } from "react";

/** The signed-out pages' frame: the portal's mark over one card. */
export function AuthShell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-xl font-semibold text-slate-900">
        <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white">
          P
        </span>
        Partner Hub
      </div>
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
    </main>
  );
}
