export type PresenceEvent = { deviceId: string; kind: "connected" | "disconnected" | "seen"; at: Date };

export type PresenceUpdate = {
  deviceId: string;
  isConnected?: boolean;
  connectedAt?: Date;
  disconnectedAt?: Date;
  lastSeenAt: Date;
};

/**
 * Folds presence events into one update per device and hands them to `write`
 * at most every `intervalMs`, so a burst of connects is one database batch.
 */
export class PresenceRecorder {
  private pending = new Map<string, PresenceUpdate>();

  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (updates: PresenceUpdate[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 500,
  ) {}

  record(event: PresenceEvent): void {
    const update = this.pending.get(event.deviceId) ?? { deviceId: event.deviceId, lastSeenAt: event.at };
    update.lastSeenAt = event.at;
    if (event.kind === "connected") Object.assign(update, { isConnected: true, connectedAt: event.at });
    if (event.kind === "disconnected") Object.assign(update, { isConnected: false, disconnectedAt: event.at });
    this.pending.set(event.deviceId, update);

    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Writes everything recorded so far. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const updates = [...this.pending.values()];
    this.pending.clear();
    this.flushing = this.flushing.then(async () => {
      if (updates.length === 0) return;
      try {
        await this.write(updates);
      } catch (error) {
        this.onError(error);
      }
    });
    await this.flushing;
  }
}
