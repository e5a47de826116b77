import { onlineCheckQuerySchema } from "@/lib/schemas/connection-check";
import { waitForDeviceOnline } from "@/lib/server/data/devices/wait-for-device-online";
import { viewerOf } from "@/lib/server/session";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ deviceId: string }> };

/**
 * The live check's last step: has the portal's hub received this check's
 * telemetry from the device? A route handler, not a server action, because
 * it is on the check's timed path; and a fast route (instrumentation.ts),
 * because the panel asks while its CONNECT passes through this same process:
 * Next.js's router took the event loop from the relay for milliseconds. The
 * panel drops the request if the check fails earlier.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  const viewer = await viewerOf(request.headers);
  if (!viewer) return Response.json({ error: "sign in" }, { status: 401 });
  const { deviceId } = await context.params;
  const parsed = onlineCheckQuerySchema.safeParse({
    deviceId,
    marker: new URL(request.url).searchParams.get("marker"),
  });
  if (!parsed.success) return Response.json({ error: "marker: a live-check marker is required" }, { status: 422 });
  const isOnline = await waitForDeviceOnline({ partnerId: viewer.partnerId, ...parsed.data, signal: request.signal });
  return Response.json({ online: isOnline }, { headers: { "Cache-Control": "no-store" } });
}
