import { findPartnerDump } from "@/lib/server/data/dumps/dump-rows";
import { dumpDownload } from "@/lib/server/dumps/dump-download";
import { AppError } from "@/lib/server/errors";
import { portalReadRoute } from "@/lib/server/portal-route";

export const dynamic = "force-dynamic";

/** GET /api/devices/{id}/dumps/{dump id}: the dump as a download, streamed from the store. */
export const GET = portalReadRoute<{ deviceId: string; dumpId: string }>("device.read", async ({ viewer, params }) => {
  const dump = await findPartnerDump(viewer.partnerId, params.dumpId);
  if (dump.deviceId !== params.deviceId) throw new AppError("NOT_FOUND", "Dump not found.");
  return dumpDownload(dump);
});
