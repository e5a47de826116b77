"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and during hydration, true after. A form that
 * only works with JavaScript stays disabled until then: React re-applies a
 * controlled select's value when it hydrates, which would silently undo a
 * choice made in the first moments, and a submit before that would reload the page.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
