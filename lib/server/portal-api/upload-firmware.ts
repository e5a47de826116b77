import "server-only";
import { isCrossSite } from "@/lib/http/cross-site";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";
import { toFieldErrors } from "@/lib/action-result";
import { AppError } from "@/lib/server/errors";
import { receiveFirmware } from "@/lib/server/firmware/receive-firmware";
import { failureResponse } from "@/lib/server/portal-route";
import { actorOf, authorize } from "@/lib/server/auth/session";

type Context = { params: Promise<{ modelId: string }> };

/**
 * POST /api/models/{id}/firmware?name=&version=&fileType=&notes=&publicNotes=
 * with the file itself as the body (the model page's upload dialog; a server
 * action's form would be held whole in memory). Answers 201 {id, version, sha256, size}.
 */
export async function uploadFirmware(request: Request, context: Context): Promise<Response> {
  try {
    // The body is not JSON, so a browser sends it cross-site without asking CORS first: refused here.
    if (isCrossSite(request.headers)) throw new AppError("FORBIDDEN", "cross-site request refused");
    const viewer = await authorize("firmware.manage", request.headers);
    const parsed = firmwareUploadSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      return Response.json(
        { error: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) },
        { status: 422 },
      );
    }
    const file = await receiveFirmware({
      partnerId: viewer.partnerId,
      actor: await actorOf(viewer, request.headers),
      modelId: (await context.params).modelId,
      input: parsed.data,
      request,
    });
    return Response.json(file, { status: 201 });
  } catch (error) {
    return failureResponse(error);
  }
}
