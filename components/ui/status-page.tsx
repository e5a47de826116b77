import type { ReactNode } from "react";

/**
 * A page of its own for when the requested one cannot be shown (not found,
 * failed): the portal's mark, what happened, and a way back.
 */
export function StatusPage({
  code,
  title,
  children,
  actions,
}: {
  code: string;
  title: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-xl font-semibold text-slate-900">
        <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white">
          P
        </span>
        Partner Hub
      </div>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
        <p className="text-sm font-semibold text-brand-700">{code}</p>
        <h1 className="mt-1 text-lg font-semibold text-slate-900">{title}</h1>
        <div className="mt-2 text-sm text-slate-600">{children}</div>
        <div className="mt-6 flex flex-wrap justify-center gap-3">{actions}</div>
      </div>
    </main>
  );
}
