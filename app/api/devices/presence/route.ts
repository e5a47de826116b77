import { describeQueryError, devicePresenceQuerySchema, searchParamsToObject } from "@/lib/schemas/device-list";
import { findDevicePresenceChanges } from "@/lib/server/data/devices/find-device-presence";
import { portalReadRoute } from "@/lib/server/portal-route";

export const dynamic = "force-dynamic";

/** GET /api/devices/presence?ids=a,b&since=ms: what changed for the devices on screen (polled by the list). */
export const GET = portalReadRoute("device.read", async ({ viewer, request }) => {
  const parsed = devicePresenceQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: describeQueryError(parsed.error) }, { status: 422 });
  const changes = await findDevicePresenceChanges({ partnerId: viewer.partnerId, ...parsed.data });
  return Response.json(changes, { headers: { "Cache-Control": "no-store" } });
});
