import { z } from "zod";
import { getDeviceConversation } from "@/lib/server/data/devices/get-device-conversation";
import { asAppError } from "@/lib/server/errors";
import { getViewer } from "@/lib/server/session";

export const dynamic = "force-dynamic";

const querySchema = z.object({ range: z.enum(["hour", "day"]).default("hour") });
type Context = { params: Promise<{ deviceId: string }> };

/** GET /api/devices/{id}/conversation?range=hour|day: the device page's live data (polled while it is open). */
export async function GET(request: Request, context: Context): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "sign in" }, { status: 401 });
  const parsed = querySchema.safeParse({ range: new URL(request.url).searchParams.get("range") ?? undefined });
  if (!parsed.success) return Response.json({ error: 'range: must be "hour" or "day"' }, { status: 422 });
  try {
    const { deviceId } = await context.params;
    const conversation = await getDeviceConversation({ partnerId: viewer.partnerId, deviceId, ...parsed.data });
    return Response.json(conversation, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const expected = asAppError(error);
    if (!expected) throw error;
    return Response.json({ error: expected.message }, { status: expected.status });
  }
}
