import "server-only";
import type { Role } from "@/lib/auth/policy";

// Every management API call checks its token; a script calls with the same
// one thousands of times. Entries live 5 s; a revocation in this process
// takes effect at once, in another portal process within the 5 s.
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export type CachedApiToken = {
  id: string;
  partnerId: string;
  name: string;
  role: Role;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

type Entry = { token: CachedApiToken; expiresAt: number };
const globalForCache = globalThis as unknown as { apiTokenCache?: Map<string, Entry> };
const cache = (globalForCache.apiTokenCache ??= new Map<string, Entry>());

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

export function forgetApiToken(tokenId: string): void {
  for (const [hash, entry] of cache) if (entry.token.id === tokenId) cache.delete(hash);
}
