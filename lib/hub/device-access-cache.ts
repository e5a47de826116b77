import { AdmittedDevices } from "./admitted-devices";

/** What the broker's auth hooks need to know about one device id: its key's hash while it is admitted, else null. */
export type DeviceAccess = { accessKeyHash: string } | null;

export type DeviceAccessRow = { id: string; accessKeyHash: string };

/**
 * The auth hooks' memory of which devices are admitted, so a CONNECT or an
 * ACL check is answered without a database round trip (thousands a second
 * must be answered, e.g. a fleet reconnecting after a broker restart):
 * - filled with every admitted device at start (`fill`, page by page);
 * - a device it does not hold (registered since, perhaps by another portal
 *   process) is read from the database and then held;
 * - an unknown or refused id is remembered for `refusedTtlMs`, so it cannot
 *   hammer the database. That cannot hide a new device: its id is unknown to
 *   anyone before its registration has committed;
 * - a change drops the ids it touched (`invalidate`): at once for this
 *   process's changes, through the hub's change feed for other processes'.
 * A read that was under way when its id changed is not kept: it may predate the change.
 */
export class DeviceAccessCache {
  private readonly admitted = new AdmittedDevices();
  private readonly refused = new Map<string, number>();
  private changes = 0;
  private readonly changedAt = new Map<string, number>();
  private readsUnderWay = 0;

  constructor(
    private readonly refusedTtlMs = 5_000,
    private readonly maxRefused = 100_000,
  ) {}

  get size(): number {
    return this.admitted.size;
  }

  async get(deviceId: string, load: (id: string) => Promise<DeviceAccess>): Promise<DeviceAccess> {
    const accessKeyHash = this.admitted.get(deviceId);
    if (accessKeyHash !== undefined) return { accessKeyHash };
    const refusedUntil = this.refused.get(deviceId);
    if (refusedUntil !== undefined && refusedUntil > Date.now()) return null;
    return this.reading(async (startedAt) => {
      const access = await load(deviceId);
      this.remember(deviceId, access, startedAt);
      return access;
    });
  }

  /** Holds a page of admitted devices read from the database (the start-up fill). */
  fill(readPage: () => Promise<DeviceAccessRow[]>): Promise<number> {
    return this.reading(async (startedAt) => {
      const rows = await readPage();
      for (const row of rows) this.remember(row.id, { accessKeyHash: row.accessKeyHash }, startedAt);
      return rows.length;
    });
  }

  invalidate(ids: readonly string[]): void {
    this.changes++;
    for (const id of ids) {
      this.admitted.delete(id);
      this.refused.delete(id);
      if (this.readsUnderWay > 0) this.changedAt.set(id, this.changes);
    }
  }

  private async reading<T>(read: (startedAt: number) => Promise<T>): Promise<T> {
    this.readsUnderWay++;
    try {
      return await read(this.changes);
    } finally {
      // With no read under way, no past change can make one stale.
      if (--this.readsUnderWay === 0) this.changedAt.clear();
    }
  }

  private remember(id: string, access: DeviceAccess, readStartedAt: number): void {
    if ((this.changedAt.get(id) ?? -1) > readStartedAt) return;
    if (access) {
      this.admitted.set(id, access.accessKeyHash);
      this.refused.delete(id);
      return;
    }
    this.admitted.delete(id);
    if (this.refused.size >= this.maxRefused) this.refused.delete(this.refused.keys().next().value!);
    this.refused.set(id, Date.now() + this.refusedTtlMs);
  }
}
