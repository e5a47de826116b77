import "server-only";
import type { TelemetryAnswer } from "@/lib/schemas/telemetry";
import { newestFirmware } from "@/lib/server/data/firmware/newest-firmware";
import { findRolloutFile } from "@/lib/server/data/rollouts/rollout-file";
import type { AuthenticatedDevice } from "../data/devices/find-device-for-call";

/** What the telemetry call answers a device: what waits for it (Xyte's shape). */
export async function telemetryAnswer(device: AuthenticatedDevice): Promise<TelemetryAnswer> {
  // The file a rollout is updating the device to, else the model's newest
  // release (kept per model for a few seconds: lib/server/data/firmware/newest-firmware.ts).
  const rolloutFile = device.rolloutId ? await findRolloutFile(device.rolloutId) : null;
  const firmware = rolloutFile ?? (await newestFirmware(device.modelId));
  return {
    success: true,
    config_version: device.configVersion,
    command: device.isCommandWaiting,
    info_version: device.infoVersion,
    new_licenses: device.isLicenseWaiting,
    latest_fw_version: firmware?.version ?? null,
    latest_fw_file_id: firmware?.id ?? null,
  };
}
