import type { EventEmitter } from "node:events";
import type { DeviceCredentials } from "./credential-pool";

/**
 * What became of the device row that issued credentials were for:
 * - "stored": the insert committed;
 * - "refused": the database surely wrote nothing (a unique constraint said no,
 *   or the query was refused before it was sent), so they may serve another registration;
 * - "unknown": the insert failed in a way that may have committed it (e.g. the
 *   connection was lost around COMMIT), so they are never handed out again.
 */
export type InsertOutcome = "stored" | "refused" | "unknown";

/** Credentials handed to a registration, settled once its insert's outcome is known. */
export type IssuedCredentials = DeviceCredentials & { settle: (outcome: InsertOutcome) => void };

/** A message a device published under its own prefix, as the portal's hub connection received it. */
export type DeviceMessage = {
  deviceId: string;
  /** The topic below `v1/device/{id}/`, e.g. "telemetry" or "commands/update". */
  suffix: string;
  payload: Buffer;
  /** MQTT v5 correlation data, when the device set it (answers to commands carry the command id). */
  correlationData?: Buffer;
  receivedAt: Date;
};

/** MQTT v5 properties of a message the portal sends to a device. */
export type PublishOptions = { responseTopic?: string; correlationData?: Buffer };

/** Why a device's MQTT session ended, as far as the hub can tell. */
export type DisconnectCause = "client" | "connection-lost" | "keep-alive" | "taken-over" | "credentials-changed";

/**
 * What the hub saw of a device's MQTT sessions: the device's connection
 * history. A refused CONNECT names the username and client id it presented,
 * which may be no device at all.
 */
export type DeviceSessionEvent =
  | {
      type: "connected";
      deviceId: string;
      at: Date;
      address: string;
      protocolVersion: number;
      keepAliveSeconds: number;
      cleanStart: boolean;
    }
  | {
      type: "refused";
      at: Date;
      username: string | null;
      clientId: string | null;
      address: string;
      protocolVersion: number;
      /** The broker plugin's verdict; "deferred" means the password file refused (key, or not admitted). */
      verdict: "deferred" | "refused-protocol" | "refused-client-id";
    }
  | { type: "subscribed"; deviceId: string; at: Date; filter: string; qos: number; isGranted: boolean }
  | { type: "unsubscribed"; deviceId: string; at: Date; filter: string }
  | { type: "publish-denied"; deviceId: string; at: Date; topic: string }
  | { type: "disconnected"; deviceId: string; at: Date; cause: DisconnectCause };

/**
 * What a hub reports as it happens: messages from devices (each to one portal
 * process), and, where the hub can tell, a device's new connection and each
 * topic filter it subscribes to.
 */
export type HubEvents = {
  message: [message: DeviceMessage];
  connect: [deviceId: string];
  subscribe: [deviceId: string, filter: string];
  session: [event: DeviceSessionEvent];
  /** A credential reload the broker confirmed (or not) after `seconds`: how long changes waited on it. */
  reload: [seconds: number, isConfirmed: boolean];
};

/** Whether the hub can serve now; when not, a reason an operator can act on. */
export type HubReadiness = { isReady: true } | { isReady: false; reason: string };

/**
 * The MQTT hub boundary: the rest of the portal talks to the hub only through
 * this interface. The database is the source of truth for who may connect;
 * a hub makes the broker agree with it.
 *
 * A new device gets credentials the hub admits already (`issueCredentials`).
 * Every later credential change (rotate a key, disable, enable, remove) is:
 * change the device row, then `syncDevices([id])`. The hub re-reads those rows,
 * so there is one path for all of them and a crash between the two steps is
 * repaired by the `reconcile()` that runs on every start.
 */
export interface DeviceHub extends Pick<EventEmitter<HubEvents>, "on" | "off"> {
  readonly kind: "embedded" | "emqx";
  /** What devices are told to connect to (mqtt_hub_url). */
  readonly publicUrl: string;
  start(): Promise<void>;
  /**
   * An id and key for a new device of an MQTT model, which the broker admits
   * from the moment they are returned (so a 201 means "can connect now").
   * Fails with HubUnavailableError when the broker is down.
   */
  issueCredentials(): Promise<IssuedCredentials>;
  /**
   * Resolves once the broker matches the database for these devices: admitted
   * ones can connect, and sessions of disabled, removed or re-keyed ones are closed.
   */
  syncDevices(ids: readonly string[]): Promise<void>;
  /** Rebuilds the broker's view of every device from the database. */
  reconcile(): Promise<void>;
  /**
   * Resolves true once the hub has received, from this device, telemetry
   * carrying `marker` (the live check's proof that the hub sees the device),
   * false on timeout or abort; null if this hub cannot tell (EMQX: it does not pass telemetry by the portal first).
   */
  waitForMarker(deviceId: string, marker: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> | null;
  /** Publishes to one device's topic `v1/device/{id}/{suffix}` as the portal (QoS 1). */
  publishToDevice(deviceId: string, suffix: string, payload: string, options?: PublishOptions): Promise<void>;
  /**
   * The device's current connection (a number that changes with each new
   * one) and the filters it subscribed to under its own prefix; undefined
   * when it has none; null when this hub cannot tell.
   */
  sessionOf(deviceId: string): { seq: number; filters: readonly string[] } | undefined | null;
  /** Ready to admit devices and carry their messages: the broker runs and the portal's own session is up. */
  readiness(): HubReadiness;
  stop(): Promise<void>;
}

export class HubUnavailableError extends Error {
  constructor(reason: string) {
    super(`The MQTT hub is unavailable: ${reason}`);
    this.name = "HubUnavailableError";
  }
}
