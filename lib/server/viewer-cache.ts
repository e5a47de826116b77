import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { TtlCache } from "@/lib/runtime/ttl-cache";

// Who a session cookie belongs to, for a few seconds: resolving it costs a
// session, a user and a member query (~4 ms of CPU), on every page, poll and
// write. The key is the session cookie's value, which only its holder has and
// which better-auth verified when the entry was made. Signing out, and any
// change to a member, drop that user's entries in this process at once;
// another portal process notices within the 10 s.
const cache = processState("viewer-cache", () => new TtlCache<{ userId: string }>(10_000));

/** The cached value for this session cookie, or what `resolve` gives (cached unless null). */
export async function cachedViewer<V extends { userId: string }>(
  sessionCookie: string | null,
  resolve: () => Promise<V | null>,
): Promise<V | null> {
  if (!sessionCookie) return resolve();
  // One cache holds every viewer shape the callers resolve; each caller reads back its own.
  return (await cache.getOrLoad(sessionCookie, resolve)) as V | null;
}

/** Forgets every cached session of a user (signed out, role changed, removed). */
export function forgetViewer(userId: string): void {
  cache.deleteWhere((viewer) => viewer.userId === userId);
}

/** Forgets one session (signed out). */
export function forgetSession(sessionCookie: string | null): void {
  if (sessionCookie) cache.delete(sessionCookie);
}
