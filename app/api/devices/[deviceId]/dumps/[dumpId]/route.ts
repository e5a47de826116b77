import { Readable } from "node:stream";
import { findPartnerDump } from "@/lib/server/data/dumps/dump-rows";
import { dumpStore } from "@/lib/server/dumps/dump-store";
import { AppError } from "@/lib/server/errors";
import { portalReadRoute } from "@/lib/server/portal-route";

export const dynamic = "force-dynamic";

/** GET /api/devices/{id}/dumps/{dump id}: the dump as a download, streamed from the store. */
export const GET = portalReadRoute<{ deviceId: string; dumpId: string }>("device.read", async ({ viewer, params }) => {
  const dump = await findPartnerDump(viewer.partnerId, params.dumpId);
  if (dump.deviceId !== params.deviceId) throw new AppError("NOT_FOUND", "Dump not found.");
  const stream = await dumpStore.read(dump.id, { start: 0, end: dump.size - 1 });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      // Never rendered by the browser: a dump is the device's bytes, not the portal's page.
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${dump.fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(dump.fileName)}`,
      "Content-Length": String(dump.size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
