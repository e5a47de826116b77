import { configReportSchema } from "@/lib/schemas/device-config";
import { getDeviceConfig } from "@/lib/server/data/config/get-device-config";
import { reportDeviceConfig } from "@/lib/server/data/config/report-device-config";
import { corsPreflight, deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";

export const dynamic = "force-dynamic";

/** Get Config (Xyte): the desired config and its version. */
export const GET = deviceRoute(async ({ device }) =>
  Response.json(await getDeviceConfig(device.id), { headers: { "Cache-Control": "no-store" } }),
);

/** Set Config (Xyte): the device reports the config it applied. */
export const POST = deviceRoute(async ({ request, device }) => {
  const report = await readDeviceBody(request, configReportSchema);
  await reportDeviceConfig({ deviceId: device.id, report });
  return Response.json({ success: true, version: report.version });
});

export const OPTIONS = corsPreflight;
