import { z } from "zod";
import { findDeviceEvents } from "@/lib/server/data/device-events/find-device-events";
import { getViewer } from "@/lib/server/session";

export const dynamic = "force-dynamic";

const querySchema = z.object({ before: z.coerce.number().int().positive().optional() });
type Context = { params: Promise<{ deviceId: string }> };

/** GET /api/devices/{id}/history?before=<event id>: an older page of the device's history. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "sign in" }, { status: 401 });
  const parsed = querySchema.safeParse({ before: new URL(request.url).searchParams.get("before") ?? undefined });
  if (!parsed.success) return Response.json({ error: "before: must be an event id" }, { status: 422 });
  const { deviceId } = await context.params;
  const events = await findDeviceEvents({ partnerId: viewer.partnerId, deviceId, ...parsed.data, take: 30 });
  return Response.json({ events }, { headers: { "Cache-Control": "no-store" } });
}
