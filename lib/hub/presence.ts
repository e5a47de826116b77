export type PresenceEvent = { deviceId: string; kind: "connected" | "disconnected" | "seen"; at: Date };

// Mosquitto 2.0 connection messages (connection_messages true). A session
// taken over by a new connection logs "already connected, closing old
// connection" and then "New client connected": the device stays connected.
const CONNECTED = /^New client connected from \S+ as (\S+) \(/;
const DISCONNECTED = /^Client (\S+) (?:disconnected|closed its connection|has exceeded timeout)/;

/** A presence event from one broker log line, or null. */
export function parsePresenceLine(line: string, at = new Date()): PresenceEvent | null {
  const connected = CONNECTED.exec(line);
  if (connected?.[1]) return { deviceId: connected[1], kind: "connected", at };
  const disconnected = DISCONNECTED.exec(line);
  if (disconnected?.[1] && disconnected[1] !== "<unknown>" && !line.includes("not authorised")) {
    return { deviceId: disconnected[1], kind: "disconnected", at };
  }
  return null;
}

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
