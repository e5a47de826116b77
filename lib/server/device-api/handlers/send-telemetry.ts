import "server-only";
import { MAX_TELEMETRY_BYTES, telemetryBodySchema, type TelemetryAnswer } from "@/lib/schemas/telemetry";
import { newestFirmware } from "@/lib/server/data/firmware/newest-firmware";
import { queueTelemetry } from "@/lib/server/data/telemetry/telemetry-buffer";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";

/** Send Telemetry (Xyte): stored before the answer, which says what waits for the device. */
export const sendTelemetry = deviceRoute(async ({ request, device }) => {
  const body = await readDeviceBody(request, telemetryBodySchema, MAX_TELEMETRY_BYTES);
  const receivedAt = new Date();
  await queueTelemetry({ deviceId: device.id, receivedAt, body, via: "http" });
  // The file a rollout is updating the device to, else the model's newest
  // release (kept per model for a few seconds: lib/server/data/firmware/newest-firmware.ts).
  const firmware = device.rolloutFirmware ?? (await newestFirmware(device.modelId));
  const answer: TelemetryAnswer = {
    success: true,
    config_version: device.configVersion,
    command: device.isCommandWaiting,
    info_version: device.infoVersion,
    new_licenses: false,
    latest_fw_version: firmware?.version ?? null,
    latest_fw_file_id: firmware?.id ?? null,
  };
  return Response.json(answer);
});
