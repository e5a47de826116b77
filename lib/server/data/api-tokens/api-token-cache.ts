import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { TtlCache } from "@/lib/runtime/ttl-cache";
import type { Role } from "@/lib/auth/policy";

// Every management API call checks its token; a script calls with the same
// one thousands of times. Entries live 5 s; a revocation, or a change to its
// creator's membership, in this process takes effect at once, in another
// portal process within the 5 s.

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

const cache = processState("api-token-cache", () => new TtlCache<CachedApiToken>(5_000));

/** The token hashed as `hash`, from the cache while fresh, else what `load` finds. */
export function cachedApiToken(
  hash: string,
  load: () => Promise<CachedApiToken | null>,
): Promise<CachedApiToken | null> {
  return cache.getOrLoad(hash, load);
}

/** A token that may act: its creator is still a member. */
export type ActiveApiToken = CachedApiToken & { role: Role };

export function forgetApiToken(tokenId: string): void {
  cache.deleteWhere((token) => token.id === tokenId);
}

/** Forgets the tokens `userId` created: their membership (and so what the tokens may do) changed. */
export function forgetApiTokensOf(userId: string): void {
  cache.deleteWhere((token) => token.createdByUserId === userId);
}
