import "server-only";
import { HubUnavailableError, type DeviceHub } from "@/lib/hub/hub";
import { logger } from "@/lib/runtime/logger";

/**
 * Tells the hub about devices whose rows a committed change just wrote, and
 * says whether it is still pending. A hub that is down (stopped or
 * restarting) admits no one meanwhile and reads every device again when it is
 * back, so the change is in force either way; answering an error instead
 * would hide a committed change (and lose a rotation's new key). Any other
 * failure is thrown: a running hub that did not take the change may still
 * accept what the change revoked.
 */
export async function syncHubAfterCommit(hub: DeviceHub, deviceIds: readonly string[]): Promise<boolean> {
  try {
    await hub.syncDevices(deviceIds);
    return false;
  } catch (error) {
    if (!(error instanceof HubUnavailableError)) throw error;
    logger("hub").warn({ devices: deviceIds.length, err: error }, "A device change waits for the hub to be back");
    return true;
  }
}
