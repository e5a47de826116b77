import type { DeviceCredentials } from "./credential-pool";

/** Credentials handed to a registration, settled once its device row is stored (true) or not (false). */
export type IssuedCredentials = DeviceCredentials & { settle: (isStored: boolean) => void };

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
export interface DeviceHub {
  readonly kind: "embedded" | "external" | "emqx";
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
   * false on timeout or abort; null if this hub cannot tell (an external broker).
   */
  waitForMarker(deviceId: string, marker: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> | null;
  /** Publishes to one device's topic `v1/device/{id}/{suffix}` as the portal (QoS 1). */
  publishToDevice(deviceId: string, suffix: string, payload: string): Promise<void>;
  stop(): Promise<void>;
}

export class HubUnavailableError extends Error {
  constructor(reason: string) {
    super(`The MQTT hub is unavailable: ${reason}`);
    this.name = "HubUnavailableError";
  }
}
