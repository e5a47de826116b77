import "server-only";
import { HISTORY_KINDS } from "@/lib/device-history/history-events";
import { deviceEventSchema } from "@/lib/schemas/device-event";
import { recordDeviceEvents } from "@/lib/server/data/device-events/record-device-events";
import { deviceRoute, readDeviceBody } from "../device-route";
import { limitDeviceEvents } from "../rate-limits";

/**
 * Add Event (Xyte): kept in the device's history before the answer, at the
 * time the device gives (an event that happened while it was offline) or now.
 */
export const addEvent = deviceRoute(async ({ request, device }) => {
  const { timestamp, ...event } = await readDeviceBody(request, deviceEventSchema);
  await limitDeviceEvents(device.id);
  await recordDeviceEvents([
    { deviceId: device.id, at: timestamp ?? new Date(), kind: HISTORY_KINDS.deviceEvent, detail: event },
  ]);
  return Response.json({ status: true });
});
