import { describeQueryError, devicePresenceQuerySchema, searchParamsToObject } from "@/lib/schemas/device-list";
import { findDevicePresenceChanges } from "@/lib/server/data/devices/find-device-presence";
import { getViewer } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** GET /api/devices/presence?ids=a,b&since=ms: what changed for the devices on screen (polled by the list). */
export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "sign in" }, { status: 401 });
  const parsed = devicePresenceQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: describeQueryError(parsed.error) }, { status: 422 });
  const changes = await findDevicePresenceChanges({ partnerId: viewer.partnerId, ...parsed.data });
  return Response.json(changes, { headers: { "Cache-Control": "no-store" } });
}
