import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import path from "node:path";
import { brokerPasswordHash } from "./broker-password";
import { CheckMarkers } from "./check-markers";
import { CredentialPool, type DeviceCredentials } from "./credential-pool";
import { HUB_OPERATOR, HUB_SUPERUSER, passwordLine, renderAclFile, writeFileAtomic } from "./credential-files";
import { BrokerEvents } from "./broker-events";
import { BrokerPasswords } from "./broker-passwords";
import { parseBrokerLine } from "./broker-log";
import { buildBrokerPlugin } from "./broker-plugin";
import { DeviceSessions } from "./device-sessions";
import {
  HubUnavailableError,
  type DeviceHub,
  type HubEvents,
  type HubReadiness,
  type IssuedCredentials,
  type PublishOptions,
} from "./hub";
import { loopbackTlsOptions } from "./broker-tls";
import type { HubCertificateFiles } from "./hub-certificates";
import { hubFiles, renderMosquittoConfig } from "./mosquitto-config";
import { findMosquitto, MosquittoSupervisor } from "./mosquitto-supervisor";
import { PortalClient } from "./portal-client";
import { PresenceRecorder, type PresenceUpdate } from "./presence";
import { logger } from "../runtime/logger";
import { ownerOnlyContents, ownerOnlyFolder } from "../owner-only";
import { deviceTopicPrefix } from "../mqtt/device-topics";

/** The registration rate the pool is sized for (the design asks for at least 300/s). */
const REGISTRATIONS_PER_SECOND = 400;

export type EmbeddedHubOptions = {
  dir: string;
  mqttHost: string;
  /** The plain TCP listener's port; 0: none (then the portal itself connects over TLS). */
  mqttPort: number;
  /**
   * The TLS listener: its port, and its certificate files, asked for before
   * every broker start (so a generated certificate near its end is renewed).
   */
  tls?: { port: number; certificates: () => HubCertificateFiles } | undefined;
  publicUrl: string;
  mosquittoBin?: string | undefined;
  /** Runs the broker plugin (default true); false only to measure what it costs (bench/). */
  usePlugin?: boolean;
  /** Admits the operator account (HUB_OPERATOR) with this password. */
  operatorPassword?: string | undefined;
  /** Broker credentials from the database; with ids, only those devices. */
  loadCredentials: (ids?: readonly string[]) => Promise<Map<string, string>>;
  /** Fresh credentials for new devices (admitted ahead of registrations, see CredentialPool). */
  newCredentials: () => Promise<DeviceCredentials>;
  /** How many admitted credentials to keep ready for registrations at first (default 512; it grows under load). */
  poolSize?: number;
  recordPresence: (updates: PresenceUpdate[]) => Promise<void>;
  /** After a broker start no session survives: marks disconnected every device connected before `at`; resolves with how many. */
  markAllDisconnected: (at: Date) => Promise<number>;
  log?: (message: string) => void;
};

/**
 * Mosquitto run by the portal, fed from a password file (kept in step with
 * the device rows by BrokerPasswords) and an ACL pattern.
 */
export class EmbeddedHub extends EventEmitter<HubEvents> implements DeviceHub {
  readonly kind = "embedded" as const;
  readonly publicUrl: string;
  private readonly pool: CredentialPool;
  private readonly passwords: BrokerPasswords;
  private readonly supervisor: MosquittoSupervisor;
  private readonly client: PortalClient;
  private readonly presence: PresenceRecorder;
  private readonly files: ReturnType<typeof hubFiles>;
  private readonly log: (message: string) => void;

  private readonly markers = new CheckMarkers();
  private readonly sessions = new DeviceSessions();
  /** The broker's log, read as what devices did. */
  private readonly brokerEvents: BrokerEvents;
  private pluginPath: string | null = null;
  /** The TLS listener's files, as of the last broker start. */
  private certificates: HubCertificateFiles | null = null;

  constructor(private readonly options: EmbeddedHubOptions) {
    super();
    this.publicUrl = options.publicUrl;
    this.log = options.log ?? ((message) => logger("hub").info(message));
    this.files = hubFiles(path.resolve(options.dir));
    const superuserPassword = randomBytes(24).toString("base64url");
    this.pool = new CredentialPool({
      size: options.poolSize ?? 512,
      coverRate: REGISTRATIONS_PER_SECOND,
      generate: options.newCredentials,
      admit: (batch) => this.passwords.admitPooled(batch),
    });
    this.presence = new PresenceRecorder(options.recordPresence, (error) =>
      this.log(`presence write failed: ${String(error)}`),
    );
    this.brokerEvents = new BrokerEvents(this, this.presence, this.sessions);
    // Plain TCP on loopback when there is a plain listener (no TLS cost where nothing can listen in).
    const tls = options.tls;
    if (options.mqttPort === 0 && !tls) throw new Error("the hub needs a plain or a TLS listener");
    this.client = new PortalClient(
      options.mqttPort > 0 ? `mqtt://127.0.0.1:${options.mqttPort}` : `mqtts://127.0.0.1:${tls!.port}`,
      superuserPassword,
      (deviceId, suffix, packet) => {
        // Not recorded as presence here: the device conversation stores when a
        // device was last heard from with what it sent (one write, not two).
        const receivedAt = new Date();
        const payload = packet.payload as Buffer;
        if (suffix === "telemetry") this.markers.record(deviceId, payload);
        const correlationData = packet.properties?.correlationData;
        this.emit("message", {
          deviceId,
          suffix,
          payload,
          receivedAt,
          ...(correlationData ? { correlationData } : {}),
        });
      },
      undefined,
      options.mqttPort === 0 && tls
        ? () => loopbackTlsOptions(this.certificates?.ca ?? null, new URL(options.publicUrl).hostname)
        : undefined,
    );
    this.supervisor = new MosquittoSupervisor({
      bin: findMosquitto(options.mosquittoBin),
      configPath: this.files.config,
      pidPath: this.files.pid,
      prepare: () => this.writeAllFiles(),
      probe: (signal) => this.client.connect(signal),
      log: this.log,
    });
    this.passwords = new BrokerPasswords({
      path: this.files.passwords,
      accounts: [
        passwordLine(HUB_SUPERUSER, brokerPasswordHash(superuserPassword)),
        ...(options.operatorPassword ? [passwordLine(HUB_OPERATOR, brokerPasswordHash(options.operatorPassword))] : []),
      ],
      loadCredentials: options.loadCredentials,
      credentialsChanged: (ids) => this.brokerEvents.credentialsChanged(ids),
      onReload: (seconds, isConfirmed) => this.emit("reload", seconds, isConfirmed),
      supervisor: this.supervisor,
      client: this.client,
      log: this.log,
    });
    this.supervisor.on("line", (line: string) => {
      const event = parseBrokerLine(line);
      if (event) this.brokerEvents.note(event);
      if (/^(Error|Warning)/.test(line) && !line.includes("run as root")) this.log(`mosquitto: ${line}`);
    });
    this.supervisor.on("ready", (launchedAt: Date) => {
      this.sessions.clear();
      const startedAt = performance.now();
      void options.markAllDisconnected(launchedAt).then(
        (marked) =>
          this.log(
            `presence reset: ${marked} devices connected to the previous broker marked disconnected in ${Math.round(performance.now() - startedAt)} ms`,
          ),
        (error: unknown) => this.log(`presence reset failed: ${String(error)}`),
      );
    });
  }

  get brokerPid(): number | undefined {
    return this.supervisor.pid;
  }

  async start(): Promise<void> {
    // The database is the source of truth: whatever changed while the portal
    // was down is in the files before the broker reads them.
    await this.passwords.loadAll();
    this.pluginPath = this.options.usePlugin === false ? null : await buildBrokerPlugin(this.log);
    const startedAt = Date.now();
    await this.supervisor.start();
    const startMs = Date.now() - startedAt;
    this.log(`mosquitto ready in ${startMs} ms with ${this.passwords.size} devices (${this.describeListeners()})`);
    // A refill's reload reads the same file as this start did, and writing
    // it takes about as long again, and far longer while registrations keep
    // the cores busy: at 800,000 devices the start took 2.0 s and the first
    // refill under 16 clients 6.6-10 s. Sized for less (2x, then 4x the
    // start), the pool ran dry and every registration waited 2.3-3.6 s (p99
    // 136-311 ms). Each refill then sizes the pool by its own duration
    // (coverRate). A pooled credential costs ~200 bytes and a file line.
    this.pool.cover((8 * startMs) / 1000, REGISTRATIONS_PER_SECOND);
    // Devices can connect either way; registrations retry the refill and answer 503 while it fails.
    await this.pool
      .warmUp()
      .catch((error: unknown) => this.log(`credentials for new devices not ready: ${(error as Error).message}`));
  }

  private describeListeners(): string {
    const { mqttHost: host, mqttPort, tls } = this.options;
    return [mqttPort > 0 ? `mqtt ${host}:${mqttPort}` : "", tls ? `mqtts ${host}:${tls.port}` : ""]
      .filter(Boolean)
      .join(", ");
  }

  async issueCredentials(): Promise<IssuedCredentials> {
    if (!this.supervisor.ready)
      throw new HubUnavailableError(this.supervisor.isStopped ? "it has been stopped" : "the broker is restarting");
    // Whatever stopped the refill (a reload not confirmed, a file not written) is the hub being unavailable: a 503, not a 500.
    const credentials = await this.pool.take().catch((error: unknown) => {
      throw error instanceof HubUnavailableError ? error : new HubUnavailableError((error as Error).message);
    });
    return {
      ...credentials,
      settle: (outcome) => {
        if (outcome === "refused") return this.pool.giveBack(credentials);
        // The same line in the file, now as a device: reconcile and sync read it from its row.
        this.passwords.adopt(credentials);
        // Perhaps a device: the next sync keeps it if its row is there and drops it if not.
        if (outcome === "unknown")
          this.syncDevices([credentials.id]).catch((error: unknown) =>
            this.log(`checking ${credentials.id} after an insert of unknown outcome failed: ${String(error)}`),
          );
      },
    };
  }

  syncDevices(ids: readonly string[]): Promise<void> {
    return this.passwords.sync(ids);
  }

  reconcile(): Promise<void> {
    return this.passwords.reconcile();
  }

  waitForMarker(deviceId: string, marker: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return this.markers.waitFor(deviceId, marker, timeoutMs, signal);
  }

  publishToDevice(deviceId: string, suffix: string, payload: string, options?: PublishOptions): Promise<void> {
    return this.client.publish(`${deviceTopicPrefix(deviceId)}/${suffix}`, payload, options);
  }

  sessionOf(deviceId: string): { seq: number; filters: readonly string[] } | undefined {
    return this.sessions.of(deviceId);
  }

  readiness(): HubReadiness {
    if (!this.supervisor.ready)
      return {
        isReady: false,
        reason: this.supervisor.isStopped ? "the broker has been stopped" : "the broker is not running (restarting)",
      };
    if (!this.client.isConnected) return { isReady: false, reason: "the portal's MQTT session is not connected" };
    return { isReady: true };
  }

  async stop(): Promise<void> {
    await this.presence.flush();
    this.client.close();
    await this.supervisor.stop();
  }

  /**
   * Before every broker start: the folder and everything in it (persistence
   * included) owner-only, then its config, the static ACL and the passwords.
   */
  private async writeAllFiles(): Promise<void> {
    for (const dir of [path.dirname(this.files.config), this.files.persistence]) {
      ownerOnlyFolder(dir);
      ownerOnlyContents(dir);
    }
    const tls = this.options.tls;
    this.certificates = tls ? tls.certificates() : null;
    const config = renderMosquittoConfig({
      dir: this.options.dir,
      mqttHost: this.options.mqttHost,
      mqttPort: this.options.mqttPort,
      tls: tls && this.certificates ? { port: tls.port, ...this.certificates } : undefined,
      // The broker keeps the portal's user: dropping to "mosquitto" would clear
      // the parent-death signal that guarantees it dies with the portal.
      runAsUser: process.getuid?.() === 0 ? "root" : null,
      pluginPath: this.pluginPath,
    });
    await writeFileAtomic(this.files.config, config);
    await writeFileAtomic(this.files.acl, renderAclFile());
    await this.passwords.write();
  }
}
