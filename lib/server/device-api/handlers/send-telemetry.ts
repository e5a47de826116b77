import "server-only";
import { MAX_TELEMETRY_BYTES, telemetryBodySchema } from "@/lib/schemas/telemetry";
import { queueTelemetry } from "@/lib/server/data/telemetry/telemetry-buffer";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";
import { telemetryAnswer } from "../telemetry-answer";

/** Send Telemetry (Xyte): stored before the answer, which says what waits for the device. */
export const sendTelemetry = deviceRoute(async ({ request, device }) => {
  const body = await readDeviceBody(request, telemetryBodySchema, MAX_TELEMETRY_BYTES);
  await queueTelemetry({ deviceId: device.id, receivedAt: new Date(), body, via: "http" });
  return Response.json(await telemetryAnswer(device));
});
