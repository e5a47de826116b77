import { AccessChangeFeed, type AccessChange } from "./access-change-feed";
import type { DeviceCredentials } from "./credential-pool";
import { DeviceAccessCache, type DeviceAccess, type DeviceAccessRow } from "./device-access-cache";
import { ExternalHub } from "./external-hub";
import { PresenceRecorder, type PresenceEvent, type PresenceUpdate } from "./presence";

export type EmqxHubOptions = {
  publicUrl: string;
  newCredentials: () => Promise<DeviceCredentials>;
  loadAccess: (deviceId: string) => Promise<DeviceAccess>;
  /** A page of admitted devices after `afterId`, in id order (the cache's start-up fill). */
  listAccess: (afterId?: string) => Promise<DeviceAccessRow[]>;
  /** Credential changes since a time, by any portal process. */
  readAccessChanges: (since: Date) => Promise<AccessChange[]>;
  recordPresence: (updates: PresenceUpdate[]) => Promise<void>;
  /** EMQX's management API (optional): used only to end sessions of changed devices. */
  api?: { url: string; key: string; secret: string } | undefined;
  /** How long an unknown or refused id is remembered. */
  refusedTtlMs?: number;
  log?: (message: string) => void;
};

/**
 * A clustered broker (EMQX) that asks the portal: its HTTP authenticator and
 * authorizer call /api/hub/authn and /api/hub/authz (docs/deploy.md), so no
 * credential is ever written into the broker. Registration needs no broker
 * call; a rotated, disabled or deleted device is refused at its next connect
 * (its cached row is dropped at once, in other portal processes within the
 * change feed's second) and, when the management API is configured, its
 * session is ended now. Presence arrives by EMQX's webhook
 * (/api/hub/events) into the database, so every portal process sees it.
 */
export class EmqxHub extends ExternalHub {
  override readonly kind = "emqx" as const;
  private readonly cache: DeviceAccessCache;
  private readonly changes: AccessChangeFeed;
  private isStopped = false;
  private readonly presence: PresenceRecorder;
  private readonly log: (message: string) => void;

  constructor(private readonly options: EmqxHubOptions) {
    super(options.publicUrl, options.newCredentials);
    this.cache = new DeviceAccessCache(options.refusedTtlMs);
    this.log = options.log ?? ((message) => console.log(`[hub] ${message}`));
    this.changes = new AccessChangeFeed({
      read: options.readAccessChanges,
      onChange: (ids) => this.cache.invalidate(ids),
      log: this.log,
    });
    this.presence = new PresenceRecorder(options.recordPresence, (error) =>
      this.log(`presence write failed: ${String(error)}`),
    );
  }

  override start(): Promise<void> {
    this.log(
      `EMQX mode: devices are authenticated by /api/hub/authn${this.options.api ? `; sessions ended through ${this.options.api.url}` : ""}`,
    );
    this.changes.start();
    // In the background: until it is done, a device not held yet is read on its own.
    void this.fillCache().catch((error: unknown) =>
      this.log(`filling the auth cache failed, devices are read one by one: ${String(error)}`),
    );
    return Promise.resolve();
  }

  /** Every admitted device into the cache, a page at a time. */
  async fillCache(): Promise<void> {
    const startedAt = performance.now();
    let afterId: string | undefined;
    while (!this.isStopped) {
      const count = await this.cache.fill(async () => {
        const rows = await this.options.listAccess(afterId);
        afterId = rows.at(-1)?.id;
        return rows;
      });
      if (count === 0) break;
    }
    this.log(
      `auth cache holds ${this.cache.size} admitted devices (read in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`,
    );
  }

  /** The device's access as the auth hooks see it (cached). */
  deviceAccess(deviceId: string): Promise<DeviceAccess> {
    return this.cache.get(deviceId, this.options.loadAccess);
  }

  /** A connect, disconnect or message reported by the broker's webhook (batched like the embedded hub's). */
  recordPresence(event: PresenceEvent): void {
    this.presence.record(event);
  }

  override async syncDevices(ids: readonly string[]): Promise<void> {
    this.cache.invalidate(ids);
    if (!this.options.api) return;
    await Promise.all(ids.map((id) => this.endSession(id)));
  }

  override stop(): Promise<void> {
    this.isStopped = true;
    this.changes.stop();
    return this.presence.flush();
  }

  /**
   * DELETE /api/v5/clients/{clientid}: 204 ended, 404 not connected. Best
   * effort: the change is already in the database and the next connect is
   * refused, so a management API outage is logged, not a failed change.
   */
  private async endSession(deviceId: string): Promise<void> {
    const api = this.options.api!;
    try {
      const response = await fetch(`${api.url.replace(/\/$/, "")}/api/v5/clients/${encodeURIComponent(deviceId)}`, {
        method: "DELETE",
        headers: { authorization: `Basic ${Buffer.from(`${api.key}:${api.secret}`).toString("base64")}` },
        signal: AbortSignal.timeout(3_000),
      });
      if (response.status !== 204 && response.status !== 404)
        this.log(`ending ${deviceId}'s session: EMQX answered ${response.status}`);
    } catch (error) {
      this.log(`ending ${deviceId}'s session failed: ${(error as Error).message}`);
    }
  }
}
