import "server-only";
import { processState } from "@/lib/runtime/process-state";

// Registration looks up the hardware key on every request; firmware of one
// batch sends the same key thousands of times. Entries live 30 s, and a
// revocation (or a change of its model's default config) in this process
// takes effect at once; a second portal process sees it within the 30 s.
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

export type CachedHardwareKey = {
  id: string;
  label: string;
  revokedAt: Date | null;
  model: { id: string; partnerId: string; communicationProtocol: "MQTT" | "HTTP"; defaultConfig: string | null };
};

type Entry = { key: CachedHardwareKey; expiresAt: number };
const cache = processState<Map<string, Entry>>("hardware-key-cache", () => new Map<string, Entry>());

export async function cachedHardwareKey(
  lookup: string,
  load: () => Promise<CachedHardwareKey | null>,
): Promise<CachedHardwareKey | null> {
  const hit = cache.get(lookup);
  if (hit && hit.expiresAt > Date.now()) return hit.key;
  const key = await load();
  // Unknown keys are not cached: guessing must not fill memory.
  if (key) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(lookup, { key, expiresAt: Date.now() + TTL_MS });
  }
  return key;
}

/** Forgets a key (after revocation) under every lookup it was cached by. */
export function forgetHardwareKey(keyId: string): void {
  for (const [lookup, entry] of cache) if (entry.key.id === keyId) cache.delete(lookup);
}

/** Forgets every key of a model (after its default config changed). */
export function forgetModelKeys(modelId: string): void {
  for (const [lookup, entry] of cache) if (entry.key.model.id === modelId) cache.delete(lookup);
}
