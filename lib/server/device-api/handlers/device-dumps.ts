import "server-only";
import { dumpFileName, dumpMimeType } from "@/lib/schemas/dump";
import { dumpAnswer } from "@/lib/server/data/dumps/dump-rows";
import { appendDump, receiveDump } from "@/lib/server/dumps/receive-dump";
import { AppError } from "../../errors";
import { deviceRoute } from "../device-route";

// Xyte's dumps. Not fast routes: those buffer the body, and a dump is
// streamed to the store as it arrives (up to DUMP_MAX_MB).

/** The path below /dumps/, each segment decoded: the MIME type's "/" may come as %2F or as a segment of its own. */
function dumpPath(request: Request): string[] {
  const rest = new URL(request.url).pathname.split("/dumps/")[1] ?? "";
  return rest.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new AppError("BAD_REQUEST", "path: malformed escape");
    }
  });
}

const parsed = <T>(
  result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } },
) => {
  if (!result.success) throw new AppError("VALIDATION", result.error.issues[0]?.message ?? "invalid");
  return result.data;
};

/** Send Dump: POST /v1/devices/{id}/dumps/{mime_type}/{filename} with the file as the raw body. */
export const sendDump = deviceRoute(async ({ request, device }) => {
  const segments = dumpPath(request);
  if (segments.length < 2 || segments.length > 3) {
    throw new AppError("NOT_FOUND", "path: expected /dumps/{mime_type}/{filename}");
  }
  const fileName = parsed(dumpFileName.safeParse(segments.at(-1)));
  const mimeType = parsed(dumpMimeType.safeParse(segments.slice(0, -1).join("/")));
  const dump = await receiveDump({ device, mimeType, fileName, request });
  return Response.json(dumpAnswer(dump));
});

/** Append Dump: PUT /v1/devices/{id}/dumps/{dump_id} with more of the file as the raw body. */
export const appendToDump = deviceRoute(async ({ request, device }) => {
  const segments = dumpPath(request);
  if (segments.length !== 1 || !segments[0]) throw new AppError("NOT_FOUND", "path: expected /dumps/{dump_id}");
  const dump = await appendDump({ deviceId: device.id, dumpId: segments[0], request });
  return Response.json(dumpAnswer(dump));
});
