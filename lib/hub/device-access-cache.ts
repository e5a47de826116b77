/** What the broker's auth hooks need to know about one device id: its key's hash while it is admitted, else null. */
export type DeviceAccess = { accessKeyHash: string } | null;

/**
 * The auth endpoints' short-lived memory of device rows (null = unknown or
 * not admitted, also remembered, so unknown ids cannot hammer the database). Each
 * credential change invalidates its ids at once through the hub; the TTL
 * bounds how long another portal process can serve what it read before.
 */
export class DeviceAccessCache {
  private readonly entries = new Map<string, { access: DeviceAccess; expiresAt: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 200_000,
  ) {}

  async get(deviceId: string, load: (id: string) => Promise<DeviceAccess>): Promise<DeviceAccess> {
    const hit = this.entries.get(deviceId);
    if (hit && hit.expiresAt > Date.now()) return hit.access;
    const access = await load(deviceId);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(deviceId, { access, expiresAt: Date.now() + this.ttlMs });
    return access;
  }

  invalidate(ids: readonly string[]): void {
    for (const id of ids) this.entries.delete(id);
  }
}

