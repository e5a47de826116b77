import "server-only";
import { processState } from "@/lib/runtime/process-state";

// Who a session cookie belongs to, for a few seconds: resolving it costs a
// session, a user and a member query (~4 ms of CPU), on every page, poll and
// write. The key is the session cookie's value, which only its holder has and
// which better-auth verified when the entry was made. Signing out, and any
// change to a member, drop that user's entries in this process at once;
// another portal process notices within TTL_MS.
const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

type Entry<V> = { value: V; userId: string; expiresAt: number };
const cache = processState<Map<string, Entry<unknown>>>("viewer-cache", () => new Map<string, Entry<unknown>>());

/** The cached value for this session cookie, or what `resolve` gives (cached unless null). */
export async function cachedViewer<V extends { userId: string }>(
  sessionCookie: string | null,
  resolve: () => Promise<V | null>,
): Promise<V | null> {
  if (!sessionCookie) return resolve();
  const hit = cache.get(sessionCookie);
  if (hit && hit.expiresAt > Date.now()) return hit.value as V;
  const value = await resolve();
  if (value) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(sessionCookie, { value, userId: value.userId, expiresAt: Date.now() + TTL_MS });
  } else cache.delete(sessionCookie);
  return value;
}

/** Forgets every cached session of a user (signed out, role changed, removed). */
export function forgetViewer(userId: string): void {
  for (const [key, entry] of cache) if (entry.userId === userId) cache.delete(key);
}

/** Forgets one session (signed out). */
export function forgetSession(sessionCookie: string | null): void {
  if (sessionCookie) cache.delete(sessionCookie);
}
