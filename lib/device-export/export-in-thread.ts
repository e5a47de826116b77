import "server-only";
import { logger } from "@/lib/runtime/logger";
import { exportDevicesCsv, type ExportDevicesCsvOptions } from "@/lib/server/data/devices/export-devices-csv";
import { exportThreadHost } from "./protocol";

/**
 * The filtered list as CSV, from the portal's export thread (thread-host.ts
 * says why) and read from it a batch at a time as the consumer reads, so a
 * slow download still holds back the database reads. Where no thread was
 * started (a script, a test that calls the route), the same export runs
 * here.
 */
export function exportDevicesCsvInThread(options: ExportDevicesCsvOptions): ReadableStream<Uint8Array> {
  const host = exportThreadHost();
  if (!host) return exportDevicesCsv(options);
  let id: number | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        id ??= host.open(options);
        const reply = await host.pull(id);
        if (reply.kind === "chunk") controller.enqueue(reply.bytes);
        else if (reply.kind === "end") controller.close();
        else {
          logger("export").error(`A device export failed: ${reply.message}`);
          controller.error(new Error(`The export failed: ${reply.message}`));
        }
      },
      cancel() {
        if (id !== undefined) host.cancel(id);
      },
    },
    // Nothing is asked of the thread until the consumer reads.
    { highWaterMark: 0 },
  );
}
