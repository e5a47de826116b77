import "server-only";
import { licenseReportSchema } from "@/lib/schemas/license";
import { findLicensesForDevice, reportLicenseState } from "@/lib/server/data/licenses/device-licenses";
import { licenseAnswer } from "@/lib/server/data/licenses/license-select";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";

/** Get Licenses (Xyte; also at /license): the device's licences, each with add or remove when it is to act. */
export const getLicenses = deviceRoute(async ({ device }) =>
  Response.json((await findLicensesForDevice(device.id)).map(licenseAnswer), {
    headers: { "Cache-Control": "no-store" },
  }),
);

/** Update License (Xyte): {id, state: pending|inuse|removed|error, error?} for one of the device's licences. */
export const updateLicense = deviceRoute(async ({ request, device }) => {
  const report = await readDeviceBody(request, licenseReportSchema);
  const license = await reportLicenseState(device.id, report);
  return Response.json({ success: true, id: license.id, state: license.state });
});
