import type { DeviceHub } from "./hub";

/**
 * A broker the portal does not run (HUB_MODE=external). It authenticates
 * devices itself, so there is nothing to push; this is the seam where a
 * clustered broker's integration (e.g. EMQX HTTP auth hooks) plugs in.
 */
export class ExternalHub implements DeviceHub {
  readonly kind = "external" as const;

  constructor(readonly publicUrl: string) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  syncDevices(): Promise<void> {
    return Promise.resolve();
  }

  reconcile(): Promise<void> {
    return Promise.resolve();
  }

  waitForMarker(): null {
    return null;
  }

  publishToDevice(): Promise<void> {
    return Promise.reject(new Error("Publishing to devices needs the embedded hub (HUB_MODE=embedded)."));
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }
}
