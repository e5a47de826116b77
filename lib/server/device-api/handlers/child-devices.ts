import "server-only";
import { registerChildSchema } from "@/lib/schemas/device-registration";
import { findChildDevices } from "@/lib/server/data/devices/find-child-devices";
import { registerChildDevice } from "@/lib/server/data/devices/register-child-device";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";
import { limitChildRegistrations } from "@/lib/server/device-api/rate-limits";
import { getHub } from "@/lib/server/start/start-hub";

/** Register Child Device (Xyte): {id, access_key} of the new child, and the URLs it calls (as registration's). */
export const registerChild = deviceRoute(async ({ request, device, ip }) => {
  await limitChildRegistrations(device.id);
  const input = await readDeviceBody(request, registerChildSchema);
  const registered = await registerChildDevice({ parent: device, input, hub: getHub(), ip });
  return Response.json(registered, { status: 201, headers: { "Cache-Control": "no-store" } });
});

/** Get Child Devices (Xyte): the devices behind this gateway, oldest first. */
export const listChildren = deviceRoute(async ({ device }) =>
  Response.json(await findChildDevices(device), { headers: { "Cache-Control": "no-store" } }),
);
