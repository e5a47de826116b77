import { presenceQuerySchema } from "@/lib/schemas/connection-check";
import { waitForDeviceOnline } from "@/lib/server/data/devices/wait-for-device-online";
import { getViewer } from "@/lib/server/session";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ deviceId: string }> };

/**
 * The live check's last step: has the portal's hub seen this device since the
 * check began `elapsedMs` ago (by the server's clock)? A route handler, not a
 * server action, because it is on the check's timed path.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "sign in" }, { status: 401 });
  const { deviceId } = await context.params;
  const parsed = presenceQuerySchema.safeParse({ deviceId, elapsedMs: Number(new URL(request.url).searchParams.get("elapsedMs")) });
  if (!parsed.success) return Response.json({ error: "deviceId and elapsedMs are required" }, { status: 422 });
  const isOnline = await waitForDeviceOnline({
    partnerId: viewer.partnerId,
    deviceId: parsed.data.deviceId,
    since: new Date(Date.now() - parsed.data.elapsedMs - 50),
  });
  return Response.json({ online: isOnline }, { headers: { "Cache-Control": "no-store" } });
}
