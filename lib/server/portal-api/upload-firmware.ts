import "server-only";
import { isCrossSite } from "@/lib/http/cross-site";
import { env } from "@/lib/env";
import { isPrerelease } from "@/lib/firmware/semver";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";
import { toFieldErrors } from "@/lib/server/actions/partner-action";
import { assertFirmwareUploadable, createFirmwareFile } from "@/lib/server/data/firmware/create-firmware-file";
import { announceFirmware } from "@/lib/server/device-conversation/announce-firmware";
import { AppError } from "@/lib/server/errors";
import { removeFirmware, storeFirmware } from "@/lib/server/firmware/firmware-store";
import { newPublicId } from "@/lib/server/ids";
import { failureResponse } from "@/lib/server/portal-route";
import { actorOf, authorize } from "@/lib/server/session";
import { getRunningHub } from "@/lib/hub/registry";
import { logger } from "@/lib/runtime/logger";

type Context = { params: Promise<{ modelId: string }> };

/**
 * POST /api/models/{id}/firmware?name=&version=&fileType=&notes=&publicNotes=
 * with the file itself as the body: streamed to the firmware store and hashed
 * on the way, never held whole in memory (a server action's form would be).
 * The row is written only once the bytes are stored, so an upload cut off
 * halfway leaves nothing in the model's list. Answers 201 {id, version, sha256, size}.
 */
export async function uploadFirmware(request: Request, context: Context): Promise<Response> {
  try {
    // The body is not JSON, so a browser sends it cross-site without asking CORS first: refused here.
    if (isCrossSite(request.headers)) throw new AppError("FORBIDDEN", "cross-site request refused");
    const viewer = await authorize("firmware.manage", request.headers);
    const { modelId } = await context.params;
    const parsed = firmwareUploadSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      return Response.json(
        { error: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) },
        { status: 422 },
      );
    }
    const input = parsed.data;
    const maxBytes = env().FIRMWARE_MAX_MB * 1024 * 1024;
    const declared = Number(request.headers.get("content-length") ?? Number.NaN);
    if (declared > maxBytes)
      throw new AppError("PAYLOAD_TOO_LARGE", `file: must be at most ${env().FIRMWARE_MAX_MB} MB`);
    if (!request.body || declared === 0) throw new AppError("VALIDATION", "file: must not be empty");
    await assertFirmwareUploadable({ partnerId: viewer.partnerId, modelId, input });
    const id = newPublicId("fw");
    const stored = await storeFirmware(id, request.body, maxBytes);
    try {
      await createFirmwareFile({
        partnerId: viewer.partnerId,
        modelId,
        input,
        actor: await actorOf(viewer, request.headers),
        id,
        ...stored,
      });
    } catch (error) {
      await removeFirmware(id);
      throw error;
    }
    // Connected devices hear of a new release at once; the upload does not
    // wait for them, nor fail for a hub that is down (telemetry answers tell them).
    const hub = getRunningHub();
    if (hub && !isPrerelease(input.version)) {
      announceFirmware(hub, modelId).catch((error: unknown) =>
        logger("device-conversation").warn({ err: error, modelId }, "firmware announcement failed"),
      );
    }
    return Response.json({ id, version: input.version, ...stored }, { status: 201 });
  } catch (error) {
    return failureResponse(error);
  }
}
