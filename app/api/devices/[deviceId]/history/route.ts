import { z } from "zod";
import { findDeviceEvents } from "@/lib/server/data/device-events/find-device-events";
import { portalReadRoute } from "@/lib/server/portal-route";

export const dynamic = "force-dynamic";

const querySchema = z.object({ before: z.coerce.number().int().positive().optional() });

/** GET /api/devices/{id}/history?before=<event id>: an older page of the device's history. */
export const GET = portalReadRoute<{ deviceId: string }>("device.read", async ({ viewer, request, params }) => {
  const parsed = querySchema.safeParse({ before: new URL(request.url).searchParams.get("before") ?? undefined });
  if (!parsed.success) return Response.json({ error: "before: must be an event id" }, { status: 422 });
  const events = await findDeviceEvents({
    partnerId: viewer.partnerId,
    deviceId: params.deviceId,
    ...parsed.data,
    take: 30,
  });
  return Response.json({ events }, { headers: { "Cache-Control": "no-store" } });
});
