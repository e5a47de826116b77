import "server-only";
import { onlineCheckQuerySchema } from "@/lib/schemas/connection-check";
import { waitForDeviceOnline } from "@/lib/server/data/devices/wait-for-device-online";
import { portalReadRoute } from "@/lib/server/portal-route";

/**
 * The live check's last step: has the portal's hub received this check's
 * telemetry from the device? A route handler, not a server action, because
 * it is on the check's timed path; and a fast route (instrumentation.ts),
 * because the portal's event loop also carries the hub's view of the check
 * (Next.js's router took it for milliseconds). The panel asks ahead of the
 * check (`wait` up to 30 s) and drops the request if the check fails.
 */
export const onlineCheck = portalReadRoute<{ deviceId: string }>(
  "device.liveCheck",
  async ({ viewer, request, params }) => {
    const query = new URL(request.url).searchParams;
    const parsed = onlineCheckQuerySchema.safeParse({
      deviceId: params.deviceId,
      marker: query.get("marker"),
      wait: query.get("wait") ?? undefined,
    });
    if (!parsed.success) {
      const field =
        parsed.error.issues[0]?.path[0] === "wait"
          ? "wait: whole seconds from 1 to 30"
          : "marker: a live-check marker is required";
      return Response.json({ error: field }, { status: 422 });
    }
    const { wait, ...check } = parsed.data;
    const isOnline = await waitForDeviceOnline({
      partnerId: viewer.partnerId,
      ...check,
      timeoutMs: wait * 1_000,
      signal: request.signal,
    });
    return Response.json({ online: isOnline }, { headers: { "Cache-Control": "no-store" } });
  },
);
