import "server-only";
import { findConnectedModelDevices } from "@/lib/server/data/firmware/find-connected-model-devices";
import { newestFirmware } from "@/lib/server/data/firmware/newest-firmware";
import { logger } from "@/lib/runtime/logger";
import type { DeviceHub } from "@/lib/hub/hub";
import { pushFirmware } from "./push-to-device";

const PAGE = 500;

/**
 * Tells a model's connected MQTT devices its newest firmware on
 * `v1/device/{id}/firmware` (Xyte announces a newer upload there), page by
 * page so a large fleet is not read at once. Devices not connected learn it
 * from their next telemetry answer. Returns how many devices were told.
 */
export async function announceFirmware(hub: DeviceHub, modelId: string): Promise<number> {
  const newest = await newestFirmware(modelId);
  const announcement = { latest_fw_version: newest?.version ?? null, latest_fw_file_id: newest?.id ?? null };
  let told = 0;
  let afterId: string | null = null;
  for (;;) {
    const ids = await findConnectedModelDevices(modelId, afterId, PAGE);
    for (const id of ids) {
      try {
        if (await pushFirmware(hub, id, announcement)) told += 1;
      } catch (error) {
        // One device's failed publish (the broker restarting) must not stop the rest.
        logger("device-conversation").warn({ err: error, deviceId: id }, "firmware announcement not sent");
      }
    }
    if (ids.length < PAGE) return told;
    afterId = ids[ids.length - 1]!;
  }
}
