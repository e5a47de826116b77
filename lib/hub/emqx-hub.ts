import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { logger } from "../runtime/logger";
import { AccessChangeFeed, type AccessChange } from "./access-change-feed";
import { HUB_SUPERUSER } from "./credential-files";
import type { DeviceCredentials } from "./credential-pool";
import { DeviceAccessCache, type DeviceAccess, type DeviceAccessRow } from "./device-access-cache";
import { DeviceSessions } from "./device-sessions";
import type { DeviceHub, HubEvents, HubReadiness, IssuedCredentials, PublishOptions } from "./hub";
import { PortalClient } from "./portal-client";
import { PresenceRecorder, type PresenceEvent, type PresenceUpdate } from "./presence";

export type EmqxHubOptions = {
  publicUrl: string;
  newCredentials: () => Promise<DeviceCredentials>;
  loadAccess: (deviceId: string) => Promise<DeviceAccess>;
  /** A page of admitted devices after the cursor `after` (the cache's start-up fill); `next` undefined on the last. */
  listAccess: (after?: string) => Promise<{ rows: DeviceAccessRow[]; next: string | undefined }>;
  /** Credential changes since a time, by any portal process. */
  readAccessChanges: (since: Date) => Promise<AccessChange[]>;
  recordPresence: (updates: PresenceUpdate[]) => Promise<void>;
  /** EMQX's management API (optional): used only to end sessions of changed devices. */
  api?: { url: string; key: string; secret: string } | undefined;
  /**
   * The cluster's MQTT listener for the portal's own session (the devices'
   * messages, sending to devices), as the portal account: username
   * partner-hub-portal, password HUB_AUTH_SECRET, admitted by /api/hub/authn.
   */
  broker?: { url: string; password: string } | undefined;
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
export class EmqxHub extends EventEmitter<HubEvents> implements DeviceHub {
  readonly kind = "emqx" as const;
  readonly publicUrl: string;
  private readonly cache: DeviceAccessCache;
  private readonly changes: AccessChangeFeed;
  private isStopped = false;
  private readonly presence: PresenceRecorder;
  private readonly log: (message: string) => void;
  /** What this process has heard of devices' sessions from the webhook (other processes may hear the rest). */
  private readonly sessions = new DeviceSessions();
  private readonly client: PortalClient | null;

  constructor(private readonly options: EmqxHubOptions) {
    super();
    this.publicUrl = options.publicUrl;
    this.cache = new DeviceAccessCache(options.refusedTtlMs);
    this.log = options.log ?? ((message) => logger("hub").info(message));
    this.changes = new AccessChangeFeed({
      read: options.readAccessChanges,
      onChange: (ids) => this.cache.invalidate(ids),
      log: this.log,
    });
    this.presence = new PresenceRecorder(options.recordPresence, (error) =>
      this.log(`presence write failed: ${String(error)}`),
    );
    // One session per portal process, so unique ids; shared subscriptions split the devices' messages between them.
    this.client = options.broker
      ? new PortalClient(
          options.broker.url,
          options.broker.password,
          (deviceId, suffix, packet) => {
            const correlationData = packet.properties?.correlationData;
            const payload = packet.payload as Buffer;
            this.emit("message", {
              deviceId,
              suffix,
              payload,
              receivedAt: new Date(),
              ...(correlationData ? { correlationData } : {}),
            });
          },
          `${HUB_SUPERUSER}-${randomBytes(6).toString("hex")}`,
        )
      : null;
  }

  start(): Promise<void> {
    this.log(
      `EMQX mode: devices are authenticated by /api/hub/authn${this.options.api ? `; sessions ended through ${this.options.api.url}` : ""}`,
    );
    this.changes.start();
    this.client?.connectAndStay(this.log);
    // In the background: until it is done, a device not held yet is read on its own.
    void this.fillCache().catch((error: unknown) =>
      this.log(`filling the auth cache failed, devices are read one by one: ${String(error)}`),
    );
    return Promise.resolve();
  }

  /** Nothing to admit: EMQX asks the portal at the device's connect, once its row is stored. */
  async issueCredentials(): Promise<IssuedCredentials> {
    return { ...(await this.options.newCredentials()), settle: () => undefined };
  }

  /** Every admitted device into the cache, a page at a time. */
  async fillCache(): Promise<void> {
    const startedAt = performance.now();
    let after: string | undefined;
    do {
      await this.cache.fill(async () => {
        const page = await this.options.listAccess(after);
        after = page.next;
        return page.rows;
      });
    } while (after !== undefined && !this.isStopped);
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
    if (event.kind === "connected") {
      this.sessions.connected(event.deviceId, true);
      this.emit("connect", event.deviceId);
    } else if (event.kind === "disconnected") this.sessions.disconnected(event.deviceId);
  }

  /** A subscription reported by the webhook: the device gets what waits for it. */
  recordSubscription(deviceId: string, filter: string, isSubscribed: boolean): void {
    if (!isSubscribed) return this.sessions.unsubscribed(deviceId, filter);
    // The connect may have reached another portal process.
    if (!this.sessions.of(deviceId)) this.sessions.connected(deviceId, true);
    if (this.sessions.subscribed(deviceId, filter)) this.emit("subscribe", deviceId, filter);
  }

  publishToDevice(deviceId: string, suffix: string, payload: string, options?: PublishOptions): Promise<void> {
    if (!this.client) return Promise.reject(new Error("no MQTT session on the cluster to publish with"));
    return this.client.publish(`v1/device/${deviceId}/${suffix}`, payload, options);
  }

  /** A session this process heard of, else null: with several processes the webhook may have told another. */
  sessionOf(deviceId: string): { seq: number; filters: readonly string[] } | null {
    return this.sessions.of(deviceId) ?? null;
  }

  /** The cluster is reachable when the portal's session to it is up; without one configured, the auth hooks are all there is. */
  readiness(): HubReadiness {
    if (this.isStopped) return { isReady: false, reason: "the hub has been stopped" };
    if (this.client && !this.client.isConnected)
      return { isReady: false, reason: "the portal's MQTT session to the EMQX cluster is not connected" };
    return { isReady: true };
  }

  async syncDevices(ids: readonly string[]): Promise<void> {
    this.cache.invalidate(ids);
    if (!this.options.api) return;
    await Promise.all(ids.map((id) => this.endSession(id)));
  }

  /** Nothing to rebuild: every answer is read from the database (the cache drops what changes). */
  reconcile(): Promise<void> {
    return Promise.resolve();
  }

  /** The live check's marker is not seen here: the device record tells instead. */
  waitForMarker(): null {
    return null;
  }

  stop(): Promise<void> {
    this.isStopped = true;
    this.client?.close();
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
