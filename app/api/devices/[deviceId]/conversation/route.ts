import { z } from "zod";
import { getDeviceConversation } from "@/lib/server/data/devices/get-device-conversation";
import { portalReadRoute } from "@/lib/server/portal-route";

export const dynamic = "force-dynamic";

const querySchema = z.object({ range: z.enum(["hour", "day"]).default("hour") });

/** GET /api/devices/{id}/conversation?range=hour|day: the device page's live data (polled while it is open). */
export const GET = portalReadRoute<{ deviceId: string }>("device.read", async ({ viewer, request, params }) => {
  const parsed = querySchema.safeParse({ range: new URL(request.url).searchParams.get("range") ?? undefined });
  if (!parsed.success) return Response.json({ error: 'range: must be "hour" or "day"' }, { status: 422 });
  const conversation = await getDeviceConversation({
    partnerId: viewer.partnerId,
    deviceId: params.deviceId,
    ...parsed.data,
  });
  return Response.json(conversation, { headers: { "Cache-Control": "no-store" } });
});
