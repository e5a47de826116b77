/**
 * Values kept for a few seconds, for lookups made on every request (who a
 * session is, a management API token, a hardware key). A lookup that finds
 * nothing is not kept (guessing must not fill memory) and drops what was kept
 * under its key. Bounded: when full, it starts over, as every entry is cheap
 * to load again. The owner forgets entries at once when what they describe
 * changes in this process; another process sees the change within `ttlMs`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The kept value for `key` while it is fresh, else what `load` gives (kept unless null). */
  async getOrLoad(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const value = await load();
    if (value === null) {
      this.entries.delete(key);
      return null;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every entry whose value `matches` (a revoked key, a user whose role changed). */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }
}
