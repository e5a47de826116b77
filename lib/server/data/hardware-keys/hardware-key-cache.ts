import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { TtlCache } from "@/lib/runtime/ttl-cache";

// Registration looks up the hardware key on every request; firmware of one
// batch sends the same key thousands of times. Entries live 30 s, and a
// revocation (or a change of its model's default config) in this process
// takes effect at once; a second portal process sees it within the 30 s.

export type CachedHardwareKey = {
  id: string;
  label: string;
  revokedAt: Date | null;
  model: { id: string; partnerId: string; communicationProtocol: "MQTT" | "HTTP"; defaultConfig: string | null };
};

const cache = processState("hardware-key-cache", () => new TtlCache<CachedHardwareKey>(30_000));

/** The key looked up as `lookup`, from the cache while fresh, else what `load` finds. */
export function cachedHardwareKey(
  lookup: string,
  load: () => Promise<CachedHardwareKey | null>,
): Promise<CachedHardwareKey | null> {
  return cache.getOrLoad(lookup, load);
}

/** Forgets a key (after revocation) under every lookup it was cached by. */
export function forgetHardwareKey(keyId: string): void {
  cache.deleteWhere((key) => key.id === keyId);
}

/** Forgets every key of a model (after its default config changed). */
export function forgetModelKeys(modelId: string): void {
  cache.deleteWhere((key) => key.model.id === modelId);
}
