import "server-only";
import { deviceUpdateSchema } from "@/lib/schemas/device-update";
import { updateDeviceInfo } from "@/lib/server/data/devices/update-device-info";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";
import { limitDeviceUpdates } from "@/lib/server/device-api/rate-limits";

/** Update Device (Xyte): what the device says about itself; throttled per device. */
export const updateDevice = deviceRoute(async ({ request, device, ip }) => {
  const update = await readDeviceBody(request, deviceUpdateSchema);
  await limitDeviceUpdates(device.id);
  await updateDeviceInfo({ device, update, ip });
  return Response.json({ success: true });
});
