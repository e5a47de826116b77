import type { ReactNode } from "react";
import { BrandShell } from "./brand-shell";

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
    <BrandShell cardClassName="max-w-md text-center">
      <p className="text-sm font-semibold text-brand-700">{code}</p>
      <h1 className="mt-1 text-lg font-semibold text-slate-900">{title}</h1>
      <div className="mt-2 text-sm text-slate-600">{children}</div>
      <div className="mt-6 flex flex-wrap justify-center gap-3">{actions}</div>
    </BrandShell>
  );
}
