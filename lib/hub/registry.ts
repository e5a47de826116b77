import type { DeviceHub } from "./hub";

// The running hub is process-wide: it is started by instrumentation.ts inside
// Next.js and stopped by server.ts, which Next.js bundles separately, so the
// instance is kept under a global symbol rather than in a module variable.
const KEY = Symbol.for("partner-hub.hub");
const holder = globalThis as typeof globalThis & { [KEY]?: DeviceHub };

export function setRunningHub(hub: DeviceHub | undefined): void {
  holder[KEY] = hub;
}

export function getRunningHub(): DeviceHub | undefined {
  return holder[KEY];
}

/** Stops the running hub, if any (used on SIGINT/SIGTERM). */
export async function stopRunningHub(): Promise<void> {
  const hub = holder[KEY];
  holder[KEY] = undefined;
  await hub?.stop();
}
