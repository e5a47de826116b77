import "server-only";
import { openIncidentSchema } from "@/lib/schemas/incident";
import { closeDeviceIncident, closeDeviceIncidents } from "@/lib/server/data/incidents/close-incidents";
import { findOpenIncidents } from "@/lib/server/data/incidents/find-incidents";
import { incidentAnswer } from "@/lib/server/data/incidents/incident-select";
import { openIncident } from "@/lib/server/data/incidents/open-incident";
import { deviceRoute, readDeviceBody } from "../device-route";

// Xyte's device-initiated incidents. A device sees and closes only its own.

const incidentIdOf = (request: Request) =>
  decodeURIComponent(/\/incidents\/([^/]+)/.exec(new URL(request.url).pathname)?.[1] ?? "");

/** Open Incident: {title, issue, priority?, description?} → {incident_id}. */
export const createIncident = deviceRoute(async ({ request, device }) => {
  const input = await readDeviceBody(request, openIncidentSchema);
  const { id } = await openIncident({ device, input });
  return Response.json({ incident_id: id });
});

/** Get Incidents: the device's open incidents. */
export const listIncidents = deviceRoute(async ({ device }) =>
  Response.json((await findOpenIncidents(device.id)).map(incidentAnswer), { headers: { "Cache-Control": "no-store" } }),
);

/** Close Incident: one of the device's incidents. */
export const closeIncident = deviceRoute(async ({ request, device }) => {
  await closeDeviceIncident(device.id, incidentIdOf(request));
  return Response.json({ success: true });
});

/** Close Incidents: every open incident the device opened (after a reboot or re-registration). */
export const closeAllIncidents = deviceRoute(async ({ device }) => {
  const closed = await closeDeviceIncidents(device.id);
  return Response.json({ success: true, closed });
});
