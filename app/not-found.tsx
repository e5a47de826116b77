import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { StatusPage } from "@/components/ui/status-page";

export const metadata: Metadata = { title: "Page not found" };

// Unknown addresses, and ids that are not the signed-in partner's (lib/server/not-found.ts).
export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="Page not found"
      actions={
        <Button asChild>
          <Link href="/">Go to the overview</Link>
        </Button>
      }
    >
      <p>
        There is nothing at this address, or it belongs to another partner. Check the link, or start again from the
        overview.
      </p>
    </StatusPage>
  );
}
