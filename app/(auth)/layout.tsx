import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getViewer } from "@/lib/server/auth/session";
import { BrandShell } from "@/components/ui/brand-shell";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await getViewer()) redirect("/");
  return <BrandShell>{children}</BrandShell>;
}
