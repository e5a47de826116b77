import { describeQueryError, deviceListQuerySchema, searchParamsToObject } from "@/lib/schemas/device-list";
import { exportDevicesCsvInThread } from "@/lib/device-export/export-in-thread";
import { portalReadRoute } from "@/lib/server/portal-route";

export const dynamic = "force-dynamic";

/** GET /api/devices/export?<the list's filters>: every matching device as CSV, streamed. */
export const GET = portalReadRoute("device.read", ({ viewer, request }) => {
  const parsed = deviceListQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: describeQueryError(parsed.error) }, { status: 422 });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return new Response(
    exportDevicesCsvInThread({ partnerId: viewer.partnerId, query: { ...parsed.data, cursor: undefined } }),
    {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="devices-${stamp}.csv"`,
        "Cache-Control": "no-store",
      },
    },
  );
});
