import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getViewer } from "@/lib/server/session";
import { AuthShell } from "@/components/auth/auth-shell";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await getViewer()) redirect("/");
  return <AuthShell>{children}</AuthShell>;
}
