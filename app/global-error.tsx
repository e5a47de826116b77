"use client";

import { Button } from "@/components/ui/button";
import { StatusPage } from "@/components/ui/status-page";
import "./globals.css";

// Replaces the root layout when that layout itself failed, so it brings its
// own <html> and <body>. A plain link, not next/link: the app around it is gone.
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <title>Something went wrong · Partner Hub</title>
        <StatusPage
          code="Error"
          title="Something went wrong"
          actions={
            <>
              <Button onClick={retry}>Try again</Button>
              <Button asChild variant="secondary">
                <a href="/">Go to the overview</a>
              </Button>
            </>
          }
        >
          <p>Partner Hub could not show this page. Try again in a moment.</p>
          {error.digest ? <p className="mt-2 font-mono text-xs text-slate-600">Reference: {error.digest}</p> : null}
        </StatusPage>
      </body>
    </html>
  );
}
