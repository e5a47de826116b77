export type AccessChange = { eventId: string; deviceId: string; at: Date };

export type AccessChangeFeedOptions = {
  read: (since: Date) => Promise<AccessChange[]>;
  onChange: (deviceIds: string[]) => void;
  intervalMs?: number;
  /**
   * How far before the last successful read each read starts: covers a change
   * that committed late and clocks that differ between processes.
   */
  overlapMs?: number;
  log: (message: string) => void;
};

/**
 * Credential changes made by any portal process (rotate, disable, enable,
 * delete), read from the database every second, each reported once. With
 * several portal processes behind a load balancer, this bounds how long one
 * of them can admit a device that another has just revoked. Each read starts
 * from the last one that succeeded, so after reads failed for a while (a
 * database outage, a paused process) the first that succeeds catches up on
 * every change made meanwhile.
 */
export class AccessChangeFeed {
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private isReading = false;
  private hasFailed = false;
  /** When the last successful read began (this process's clock). */
  private lastReadAt: number | undefined;

  constructor(private readonly options: AccessChangeFeedOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One read: the changes not reported before. */
  async poll(): Promise<void> {
    if (this.isReading) return;
    this.isReading = true;
    const startedAt = Date.now();
    const since = (this.lastReadAt ?? startedAt) - (this.options.overlapMs ?? 30_000);
    try {
      const fresh = (await this.options.read(new Date(since))).filter((change) => !this.seen.has(change.eventId));
      for (const change of fresh) this.seen.set(change.eventId, change.at.getTime());
      for (const [eventId, at] of this.seen) if (at < since) this.seen.delete(eventId);
      if (fresh.length > 0) this.options.onChange(fresh.map((change) => change.deviceId));
      if (this.hasFailed)
        this.options.log(
          `reading credential changes works again (caught up on ${Math.round((startedAt - since) / 1000)} s)`,
        );
      this.lastReadAt = startedAt;
      this.hasFailed = false;
    } catch (error) {
      // Said once per outage, not every second; the next read catches up.
      if (!this.hasFailed) this.options.log(`reading credential changes failed: ${(error as Error).message}`);
      this.hasFailed = true;
    } finally {
      this.isReading = false;
    }
  }
}
