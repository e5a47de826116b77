import { EventEmitter } from "node:events";
import type { DeviceCredentials } from "./credential-pool";
import type { DeviceHub, HubEvents, IssuedCredentials, PublishOptions } from "./hub";

/**
 * A broker the portal does not run (HUB_MODE=external). It authenticates
 * devices itself, so there is nothing to push. EmqxHub builds on it for a
 * cluster that asks the portal.
 */
export class ExternalHub extends EventEmitter<HubEvents> implements DeviceHub {
  readonly kind: "external" | "emqx" = "external";

  constructor(
    readonly publicUrl: string,
    private readonly newCredentials: () => Promise<DeviceCredentials>,
  ) {
    super();
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to admit: the broker asks (EMQX) or is told elsewhere. */
  async issueCredentials(): Promise<IssuedCredentials> {
    return { ...(await this.newCredentials()), settle: () => undefined };
  }

  syncDevices(_ids: readonly string[]): Promise<void> {
    return Promise.resolve();
  }

  reconcile(): Promise<void> {
    return Promise.resolve();
  }

  waitForMarker(): null {
    return null;
  }

  publishToDevice(_deviceId: string, _suffix: string, _payload: string, _options?: PublishOptions): Promise<void> {
    return Promise.reject(new Error("Publishing to devices needs the embedded hub (HUB_MODE=embedded)."));
  }

  /** It does not see the broker's sessions. */
  sessionOf(_deviceId: string): { seq: number; filters: readonly string[] } | null {
    return null;
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }
}
