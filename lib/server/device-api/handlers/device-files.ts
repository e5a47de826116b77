import "server-only";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { isNodeBodyPreferred, withNodeBody } from "@/lib/runtime/node-body";
import type { DeviceFileAnswer } from "@/lib/schemas/firmware";
import { findDeviceFile, findDeviceFiles } from "@/lib/server/data/firmware/find-device-files";
import type { FirmwareFileRow } from "@/lib/server/data/firmware/firmware-file-select";
import { parseByteRange } from "@/lib/server/firmware/byte-range";
import { readFirmware } from "@/lib/server/firmware/firmware-store";
import { markRolloutDownload } from "@/lib/server/data/rollouts/rollout-devices";
import { findRolloutFile } from "@/lib/server/data/rollouts/rollout-file";
import { deviceRoute, type DeviceCall } from "../device-route";
import { AppError } from "../../errors";

// Xyte's device files: a device lists its model's files and downloads one
// with its own access key. A device sees only its own model's files; any
// other id is "not found", as a made-up one is.

const fileIdOf = (request: Request) => /\/files\/([^/]+)/.exec(new URL(request.url).pathname)?.[1] ?? "";

function answerOf(deviceId: string, file: FirmwareFileRow): DeviceFileAnswer {
  return {
    id: file.id,
    name: file.name,
    url: `${env().DEVICE_API_URL}/v1/devices/${deviceId}/files/${file.id}/download`,
    desc: file.publicNotes,
    file_type: file.fileType,
    version: file.version,
    created_at: file.createdAt.toISOString(),
    public_notes: file.publicNotes,
    checksum: file.sha256,
    sha256: file.sha256,
    size: file.size,
  };
}

async function deviceFile({ request, device }: DeviceCall): Promise<FirmwareFileRow> {
  const file = await findDeviceFile(device.modelId, decodeURIComponent(fileIdOf(request)));
  if (!file) throw new AppError("NOT_FOUND", "file: no such file for this device's model");
  return file;
}

/** GET /v1/devices/{id}/files: the model's files, newest version first. */
export const listFiles = deviceRoute(async ({ device }) =>
  Response.json((await findDeviceFiles(device.modelId)).map((file) => answerOf(device.id, file))),
);

/** GET /v1/devices/{id}/files/{file_id}. */
export const getFile = deviceRoute(async (call) => Response.json(answerOf(call.device.id, await deviceFile(call))));

/**
 * GET /v1/devices/{id}/files/{file_id}/download: the bytes, streamed from
 * the store, with one Range for a download resumed after a dropped link
 * (206, or 416 past the end), and the SHA-256 of the whole file as its ETag,
 * Repr-Digest (RFC 9530) and legacy Digest, so firmware checks what it got.
 */
export const downloadFile = deviceRoute(async (call) => {
  const file = await deviceFile(call);
  const base64 = Buffer.from(file.sha256, "hex").toString("base64");
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Repr-Digest": `sha-256=:${base64}:`,
    Digest: `SHA-256=${base64}`,
    "Content-Type": "application/octet-stream",
    "Content-Disposition": `attachment; filename="${file.id}-${file.version}.bin"`,
    "Cache-Control": "private, no-store",
  };
  // If-Range: resume only if the file is still the one the device began.
  const ifRange = call.request.headers.get("if-range");
  const rangeHeader = ifRange && ifRange !== etag ? null : call.request.headers.get("range");
  const range = parseByteRange(rangeHeader, file.size);
  if (range === "unsatisfiable") {
    return Response.json(
      { error: `range: the file has ${file.size} bytes` },
      { status: 416, headers: { ...headers, "Content-Range": `bytes */${file.size}` } },
    );
  }
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  const stream = await readFirmware(file.id, { start, end });
  // A rollout's device is seen downloading, then (sent the last byte) installing.
  const rolloutFile = call.device.rolloutId ? await findRolloutFile(call.device.rolloutId) : null;
  if (rolloutFile?.id === file.id && call.request.method !== "HEAD") {
    await markRolloutDownload(call.device.id, file.id, end === file.size - 1);
  }
  const init = {
    status: range ? 206 : 200,
    headers: {
      ...headers,
      "Content-Length": String(end - start + 1),
      ...(range ? { "Content-Range": `bytes ${start}-${end}/${file.size}` } : {}),
    },
  };
  if (call.request.method === "HEAD") {
    stream.destroy();
    return new Response(null, init);
  }
  // Served by server.ts itself, the file goes to the socket as a Node stream (lib/runtime/node-body.ts).
  if (isNodeBodyPreferred(call.request)) return withNodeBody(new Response(null, init), stream);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, init);
});
