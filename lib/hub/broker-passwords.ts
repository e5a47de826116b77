import type { DeviceCredentials } from "./credential-pool";
import { passwordLine, writePasswordFile } from "./credential-files";
import { HubUnavailableError } from "./hub";
import type { MosquittoSupervisor } from "./mosquitto-supervisor";
import type { PortalClient } from "./portal-client";
import { withTimeout } from "../runtime/with-timeout";

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

export type BrokerPasswordsOptions = {
  /** The broker's password file. */
  path: string;
  /** The portal's own accounts' lines, first in the file. */
  accounts: Buffer[];
  /** Broker credentials from the database; with ids, only those devices. */
  loadCredentials: (ids?: readonly string[]) => Promise<Map<string, string>>;
  /** The devices whose credentials a sync is about to change (their sessions may end). */
  credentialsChanged: (ids: string[]) => void;
  /** Each reload: how long the broker took, and whether it confirmed it. */
  onReload: (seconds: number, isConfirmed: boolean) => void;
  supervisor: Pick<MosquittoSupervisor, "ready" | "isStopped" | "reload" | "nextReady">;
  client: Pick<PortalClient, "roundTrip">;
  log: (message: string) => void;
};

/**
 * The broker's password file kept in step with the device rows. Changes are
 * batched: every sync that arrives while a batch is being applied shares the
 * next one, so a burst of admissions costs one file write and one SIGHUP per
 * batch, not per device (Mosquitto's dynamic-security plugin rewrites its
 * whole file per change instead: ~180 ms of stalled broker per device at
 * 10,000 devices).
 */
export class BrokerPasswords {
  /** Admitted devices: id → its password-file line. */
  private readonly credentials = new Map<string, Buffer>();
  /** Admitted ids that are not devices yet: the pool's, and those handed out until settled. */
  private readonly pooled = new Map<string, Buffer>();
  private pendingIds = new Set<string>();
  private isFullReconcilePending = false;
  private waiters: Waiter[] = [];
  private isFlushing = false;
  /** The broker's reload in progress: one SIGHUP at a time. */
  private lastReload: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BrokerPasswordsOptions) {}

  /** Admitted devices. */
  get size(): number {
    return this.credentials.size;
  }

  /** Every device's line from the database (before a broker start: the rows are the source of truth). */
  async loadAll(): Promise<void> {
    this.replaceCredentials(await this.options.loadCredentials());
  }

  /** Admits credentials made ahead of registrations; resolves once the broker has them. */
  admitPooled(batch: readonly DeviceCredentials[]): Promise<void> {
    for (const credentials of batch)
      this.pooled.set(credentials.id, passwordLine(credentials.id, credentials.hubPasswordHash));
    return this.requestFlush();
  }

  /** A pooled credential now belongs to a device (or perhaps does): the same line, kept as a device's. */
  adopt(credentials: DeviceCredentials): void {
    this.credentials.set(
      credentials.id,
      this.pooled.get(credentials.id) ?? passwordLine(credentials.id, credentials.hubPasswordHash),
    );
    this.pooled.delete(credentials.id);
  }

  /** Reads these devices' rows again and applies them. */
  sync(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.pendingIds.add(id);
    return this.requestFlush();
  }

  /** Reads every device's row again and applies them. */
  reconcile(): Promise<void> {
    this.isFullReconcilePending = true;
    return this.requestFlush();
  }

  write(): Promise<void> {
    return writePasswordFile(this.options.path, this.options.accounts, [this.credentials, this.pooled]);
  }

  private requestFlush(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.isFlushing) void this.flushLoop();
    return done;
  }

  private async flushLoop(): Promise<void> {
    this.isFlushing = true;
    while (this.waiters.length > 0) {
      const batch = this.waiters.splice(0);
      const ids = [...this.pendingIds];
      const isFull = this.isFullReconcilePending;
      this.pendingIds.clear();
      this.isFullReconcilePending = false;
      try {
        if (isFull) this.replaceCredentials(await this.options.loadCredentials());
        else
          await this.applyRows(ids).catch((error: unknown) => {
            // Not read: the next batch reads them again.
            for (const id of ids) this.pendingIds.add(id);
            throw error;
          });
        if (this.options.supervisor.isStopped) throw new HubUnavailableError("it has been stopped");
        // Written while the broker may still be reloading for the previous
        // batch (it reads one whole file or the other: this one only adds to
        // that batch's changes), so the file write and the reload overlap
        // instead of adding up (bench/registration.bench.ts).
        await this.write();
        await this.lastReload;
        const reloadStartedAt = performance.now();
        const reload = this.reloadBroker();
        // How long the batch waited on the broker (it handles nothing else while it reads the files).
        const reported = (isConfirmed: boolean) => () =>
          this.options.onReload((performance.now() - reloadStartedAt) / 1000, isConfirmed);
        reload.then(reported(true), reported(false));
        this.lastReload = reload.catch(() => undefined);
        reload.then(
          () => batch.forEach((waiter) => waiter.resolve()),
          (error: unknown) => batch.forEach((waiter) => waiter.reject(error)),
        );
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.isFlushing = false;
  }

  private async applyRows(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const fresh = await this.options.loadCredentials(ids);
    this.options.credentialsChanged(ids);
    for (const id of ids) {
      const hash = fresh.get(id);
      if (hash) this.credentials.set(id, passwordLine(id, hash));
      else this.credentials.delete(id);
    }
  }

  /** Makes the broker apply the files as written; survives a broker restart in between. */
  private async reloadBroker(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (this.options.supervisor.ready) {
        try {
          // Mosquitto notices SIGHUP only when its loop wakes, which on an idle
          // broker is its 100 ms poll timeout; a packet from us wakes it at once
          // (measured at 10,000 devices: 137 ms → 33 ms per sync). The second round trip confirms the reload is done.
          // Both at once, so a reload that fails while the wake-up packet is in
          // flight (the broker died) is handled here, never an unhandled rejection.
          await Promise.all([this.options.supervisor.reload(), this.options.client.roundTrip().catch(() => undefined)]);
          await this.options.client.roundTrip();
          return;
        } catch (error) {
          const reason = (error as Error).message;
          // A broker still running was only slow (a loaded machine): ask again rather than wait for a restart that will not come.
          if (this.options.supervisor.ready && Date.now() < deadline) {
            this.options.log(`reload not confirmed (${reason}); asking again`);
            await new Promise((resolve) => setTimeout(resolve, 100));
            continue;
          }
          this.options.log(`reload not confirmed (${reason}); waiting for the broker to restart`);
        }
      }
      if (this.options.supervisor.isStopped) throw new HubUnavailableError("it has been stopped");
      // Not ready means restarting, and the new broker may have read its files
      // before this batch's were written: it reads them before it listens, and the hub
      // is ready only once the portal's own connection gets in, up to 50 ms
      // later (test/hub-recovery.test.ts). So reload it once it is ready.
      await withTimeout(
        this.options.supervisor.nextReady(),
        Math.max(0, deadline - Date.now()),
        () => new HubUnavailableError("the broker did not come back within 30 s"),
      );
    }
  }

  private replaceCredentials(fresh: Map<string, string>): void {
    this.credentials.clear();
    for (const [id, hash] of fresh) this.credentials.set(id, passwordLine(id, hash));
  }
}
