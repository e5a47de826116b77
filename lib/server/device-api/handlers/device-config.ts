import "server-only";
import { configReportSchema } from "@/lib/schemas/device-config";
import { getDeviceConfig } from "@/lib/server/data/config/get-device-config";
import { reportDeviceConfig } from "@/lib/server/data/config/report-device-config";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";

/** Get Config (Xyte): the desired config and its version. */
export const getConfig = deviceRoute(async ({ device }) =>
  Response.json(await getDeviceConfig(device.id), { headers: { "Cache-Control": "no-store" } }),
);

/** Set Config (Xyte): the device reports the config it applied. */
export const setConfig = deviceRoute(async ({ request, device }) => {
  const report = await readDeviceBody(request, configReportSchema);
  await reportDeviceConfig({ deviceId: device.id, report });
  return Response.json({ success: true, version: report.version });
});
