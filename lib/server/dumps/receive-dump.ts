import "server-only";
import { env } from "@/lib/env";
import { PerKeyQueue } from "@/lib/runtime/per-key-queue";
import { processState } from "@/lib/runtime/process-state";
import { createDumpRow, deviceDumpBytes, findDeviceDump, growDumpRow, type DumpRow } from "../data/dumps/dump-rows";
import { AppError } from "../errors";
import { newPublicId } from "../ids";
import type { ByteLimit } from "../files/file-store";
import { dumpStore } from "./dump-store";

// A device's dump uploads and appends run one at a time per device, so its
// quota is checked against what is really stored; bytes are streamed to the
// store, never held whole in memory, and the row says only what is on disk.

const queue = processState("dump-writes", () => new PerKeyQueue());
const MB = 1024 * 1024;

function serialized<T>(deviceId: string, task: () => Promise<T>): Promise<T> {
  let result: T;
  return queue.run(deviceId, async () => void (result = await task())).then(() => result);
}

/** How much more the device may store in this dump, and what it is told past that. */
async function allowance(deviceId: string, dumpSize: number): Promise<ByteLimit> {
  const perDump = env().DUMP_MAX_MB * MB - dumpSize;
  const perDevice = env().DUMP_DEVICE_MAX_MB * MB - (await deviceDumpBytes(deviceId));
  return perDump <= perDevice
    ? { maxBytes: perDump, message: `body: a dump may grow to at most ${env().DUMP_MAX_MB} MB` }
    : {
        maxBytes: perDevice,
        message: `body: a device's dumps may hold at most ${env().DUMP_DEVICE_MAX_MB} MB in all; delete some first`,
      };
}

function bodyOf(request: Request, limit: ByteLimit): ReadableStream<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (limit.maxBytes <= 0 || declared > limit.maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", limit.message);
  if (!request.body || declared === 0) throw new AppError("VALIDATION", "body: must not be empty");
  return request.body;
}

/** Send Dump: a new dump from the request's raw body. */
export function receiveDump(options: {
  device: { id: string; partnerId: string };
  mimeType: string;
  fileName: string;
  request: Request;
}): Promise<DumpRow> {
  const { device, request } = options;
  return serialized(device.id, async () => {
    const limit = await allowance(device.id, 0);
    const id = newPublicId("dmp");
    const { size } = await dumpStore.write(id, bodyOf(request, limit), limit, "body: must not be empty");
    try {
      return await createDumpRow({
        id,
        partnerId: device.partnerId,
        deviceId: device.id,
        fileName: options.fileName,
        mimeType: options.mimeType,
        size,
      });
    } catch (error) {
      await dumpStore.remove(id);
      throw error;
    }
  });
}

/** Append Dump: the request's raw body added to the end of one of the device's dumps. */
export function appendDump(options: { deviceId: string; dumpId: string; request: Request }): Promise<DumpRow> {
  const { deviceId, request } = options;
  return serialized(deviceId, async () => {
    const dump = await findDeviceDump(deviceId, options.dumpId);
    const limit = await allowance(deviceId, dump.size);
    const added = await dumpStore.append(dump.id, dump.size, bodyOf(request, limit), limit);
    if (added === 0) throw new AppError("VALIDATION", "body: must not be empty");
    return growDumpRow(dump.id, dump.size + added);
  });
}
