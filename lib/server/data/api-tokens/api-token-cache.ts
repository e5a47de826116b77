import "server-only";
import { processState } from "@/lib/runtime/process-state";
import type { Role } from "@/lib/auth/policy";

// Every management API call checks its token; a script calls with the same
// one thousands of times. Entries live 5 s; a revocation, or a change to its
// creator's membership, in this process takes effect at once, in another
// portal process within the 5 s.
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export type CachedApiToken = {
  id: string;
  partnerId: string;
  name: string;
  /** The lesser of the token's role and its creator's; null once the creator has left the partner. */
  role: Role | null;
  createdByUserId: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

type Entry = { token: CachedApiToken; expiresAt: number };
const cache = processState<Map<string, Entry>>("api-token-cache", () => new Map<string, Entry>());

export async function cachedApiToken(
  hash: string,
  load: () => Promise<CachedApiToken | null>,
): Promise<CachedApiToken | null> {
  const hit = cache.get(hash);
  if (hit && hit.expiresAt > Date.now()) return hit.token;
  const token = await load();
  // Unknown tokens are not cached: guessing must not fill memory.
  if (token) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(hash, { token, expiresAt: Date.now() + TTL_MS });
  }
  return token;
}

/** A token that may act: its creator is still a member. */
export type ActiveApiToken = CachedApiToken & { role: Role };

export function forgetApiToken(tokenId: string): void {
  for (const [hash, entry] of cache) if (entry.token.id === tokenId) cache.delete(hash);
}

/** Forgets the tokens `userId` created: their membership (and so what the tokens may do) changed. */
export function forgetApiTokensOf(userId: string): void {
  for (const [hash, entry] of cache) if (entry.token.createdByUserId === userId) cache.delete(hash);
}
