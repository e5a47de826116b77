import "server-only";
import { deviceUpdateSchema } from "@/lib/schemas/device-update";
import { findDeviceInfo } from "@/lib/server/data/devices/find-device-info";
import { updateDeviceInfo } from "@/lib/server/data/devices/update-device-info";
import { deleteDevice } from "@/lib/server/data/devices/change-device";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";
import { getHub } from "@/lib/server/start/start-hub";
import { limitDeviceUpdates } from "@/lib/server/device-api/rate-limits";

/** Get Device Info (Xyte): what the portal knows of the device, its name and details as members set them. */
export const getDeviceInfo = deviceRoute(async ({ device }) =>
  Response.json(await findDeviceInfo(device.id), { headers: { "Cache-Control": "no-store" } }),
);

/** Update Device (Xyte): what the device says about itself; throttled per device. */
export const updateDevice = deviceRoute(async ({ request, device, ip }) => {
  const update = await readDeviceBody(request, deviceUpdateSchema);
  await limitDeviceUpdates(device.id);
  await updateDeviceInfo({ device, update, ip });
  return Response.json({ success: true });
});

/**
 * Delete Device (Xyte): the device removes itself, as a member's delete does
 * (audited, webhooks told, its hub session closed); every later call is a 401
 * until it registers again.
 */
export const deleteSelf = deviceRoute(async ({ device, ip }) => {
  const actor = { userId: null, label: `the device ${device.sn} itself`, ip };
  await deleteDevice({ partnerId: device.partnerId, actor, deviceId: device.id, hub: getHub() });
  return Response.json({ success: true });
});
