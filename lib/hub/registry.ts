import { peekProcessState, setProcessState } from "../runtime/process-state";
import type { DeviceHub } from "./hub";

// The running hub is process-wide: it is started by instrumentation.ts inside
// Next.js and stopped by server.ts, which Next.js bundles separately.
const SLOT = "running-hub";

export function setRunningHub(hub: DeviceHub | undefined): void {
  setProcessState(SLOT, hub);
}

export function getRunningHub(): DeviceHub | undefined {
  return peekProcessState<DeviceHub>(SLOT);
}

/** Stops the running hub, if any (used on SIGINT/SIGTERM). */
export async function stopRunningHub(): Promise<void> {
  const hub = getRunningHub();
  setRunningHub(undefined);
  await hub?.stop();
}
