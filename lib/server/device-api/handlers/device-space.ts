import "server-only";
import { deviceRoute } from "@/lib/server/device-api/device-route";

/**
 * Get Space Info (Xyte). Partner Hub serves device makers, not the end
 * customers whose rooms and buildings Xyte's spaces describe, so a device
 * here is never placed in one: the answer is Xyte's shape for a device
 * without a space (location null), and the telemetry answer carries no
 * space_data_version, so Xyte firmware has no reason to ask.
 */
export const getSpaceInfo = deviceRoute(({ device }) =>
  Promise.resolve(
    Response.json(
      {
        device_id: device.id,
        name: null,
        location: null,
        temperature_units: "celsius",
        maintenance: false,
        local_time: new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"),
      },
      { headers: { "Cache-Control": "no-store" } },
    ),
  ),
);
