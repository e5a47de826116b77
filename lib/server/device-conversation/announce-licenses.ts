import "server-only";
import { getRunningHub } from "@/lib/hub/registry";
import { logger } from "@/lib/runtime/logger";
import { findLicensesForDevice } from "../data/licenses/device-licenses";
import { isLicenseWaiting, licenseAnswer } from "../data/licenses/license-select";
import { pushLicenses } from "./push-to-device";

/**
 * Tells a device listening on `v1/device/{id}/license` that licences wait for
 * it (issued or revoked), with the list Get Licenses answers. Without a hub,
 * or when the device does not listen, its telemetry answer's new_licenses
 * says it instead; a failure is logged, never the caller's.
 */
export async function announceLicenses(deviceId: string): Promise<boolean> {
  const hub = getRunningHub();
  if (!hub) return false;
  try {
    const licenses = await findLicensesForDevice(deviceId);
    if (!licenses.some(isLicenseWaiting)) return false;
    return await pushLicenses(hub, deviceId, licenses.map(licenseAnswer));
  } catch (error) {
    logger("device-conversation").warn({ err: error, deviceId }, "licence announcement failed");
    return false;
  }
}
