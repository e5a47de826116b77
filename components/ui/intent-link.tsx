"use client";

import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * A link that prefetches its page only once the pointer or keyboard focus
 * shows intent (the pattern of Next.js's prefetching guide).
 *
 * Portal pages are rendered per request, so a link prefetched as it comes
 * into view costs the server a render on every page view that shows it:
 * the header's seven links cost six renders per page, nearly all unused.
 */
export function IntentLink({ onMouseEnter, onFocus, ...props }: Omit<ComponentProps<typeof Link>, "prefetch">) {
  const [intent, setIntent] = useState(false);
  return (
    <Link
      {...props}
      prefetch={intent ? null : false}
      onMouseEnter={(event) => {
        setIntent(true);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        setIntent(true);
        onFocus?.(event);
      }}
    />
  );
}
