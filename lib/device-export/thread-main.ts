// Runs inside the export thread (started through thread-boot.mjs): produces
// each export's CSV with the list's own queries and hands it over a batch
// at a time, as the portal asks.
import { parentPort } from "node:worker_threads";
import { pingDatabase } from "@/lib/server/data/database/ping-database";
import { exportDevicesCsv } from "@/lib/server/data/devices/export-devices-csv";
import type { ExportReply, ExportRequest } from "./protocol";

const port = parentPort!;
const readers = new Map<number, ReadableStreamDefaultReader<Uint8Array>>();

function reply(message: ExportReply): void {
  // The chunk's buffer moves to the portal's thread instead of being copied.
  port.postMessage(message, message.kind === "chunk" ? [message.bytes.buffer as ArrayBuffer] : []);
}

async function handle(message: ExportRequest): Promise<void> {
  if (message.kind === "open") {
    const { partnerId, query, batchSize } = message;
    readers.set(message.id, exportDevicesCsv({ partnerId, query, batchSize }).getReader());
    return;
  }
  const reader = readers.get(message.id);
  if (!reader) {
    if (message.kind === "pull") reply({ kind: "error", id: message.id, message: "no such export" });
    return;
  }
  if (message.kind === "cancel") {
    readers.delete(message.id);
    await reader.cancel();
    return;
  }
  try {
    const { done, value } = await reader.read();
    if (done) {
      readers.delete(message.id);
      reply({ kind: "end", id: message.id });
    } else {
      reply({ kind: "chunk", id: message.id, bytes: value });
    }
  } catch (error) {
    readers.delete(message.id);
    reply({ kind: "error", id: message.id, message: (error as Error).message });
  }
}

port.on("message", (message: ExportRequest) => void handle(message));

// Connect and load Prisma's query engine now, at the portal's start, rather
// than in the first partner's download (it is most of the thread's cost).
void pingDatabase().catch(() => {
  // An export that follows reports the database's error itself.
});
