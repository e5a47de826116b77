import "server-only";
import { Readable } from "node:stream";
import type { DumpRow } from "../data/dumps/dump-rows";
import { dumpStore } from "./dump-store";

/** A dump as a download, streamed from the store (the portal's link and the management API's). */
export async function dumpDownload(dump: DumpRow): Promise<Response> {
  const stream = await dumpStore.read(dump.id, { start: 0, end: dump.size - 1 });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      // Never rendered by a browser: a dump is the device's bytes, not the portal's page.
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${dump.fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(dump.fileName)}`,
      "Content-Length": String(dump.size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
