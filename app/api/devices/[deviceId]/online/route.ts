import { onlineCheckQuerySchema } from "@/lib/schemas/connection-check";
import { waitForDeviceOnline } from "@/lib/server/data/devices/wait-for-device-online";
import { portalReadRoute } from "@/lib/server/portal-route";

export const dynamic = "force-dynamic";

/**
 * The live check's last step: has the portal's hub received this check's
 * telemetry from the device? A route handler, not a server action, because
 * it is on the check's timed path; and a fast route (instrumentation.ts),
 * because the panel asks while its CONNECT passes through this same process:
 * Next.js's router took the event loop from the relay for milliseconds. The
 * panel drops the request if the check fails earlier.
 */
export const GET = portalReadRoute<{ deviceId: string }>("device.liveCheck", async ({ viewer, request, params }) => {
  const parsed = onlineCheckQuerySchema.safeParse({
    deviceId: params.deviceId,
    marker: new URL(request.url).searchParams.get("marker"),
  });
  if (!parsed.success) return Response.json({ error: "marker: a live-check marker is required" }, { status: 422 });
  const isOnline = await waitForDeviceOnline({ partnerId: viewer.partnerId, ...parsed.data, signal: request.signal });
  return Response.json({ online: isOnline }, { headers: { "Cache-Control": "no-store" } });
});
