"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { StatusPage } from "@/components/ui/status-page";

// What a page shows when rendering it failed unexpectedly (expected failures
// are action results). Production hides the cause; the digest matches the
// server's log line.
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <StatusPage
      code="Error"
      title="Something went wrong"
      actions={
        <>
          <Button onClick={retry}>Try again</Button>
          <Button asChild variant="secondary">
            <Link href="/">Go to the overview</Link>
          </Button>
        </>
      }
    >
      <p>This page could not be shown because of an error in the portal. Try again, or go back to the overview.</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-600">Reference: {error.digest}</p> : null}
    </StatusPage>
  );
}
