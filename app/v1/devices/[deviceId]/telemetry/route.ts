import { apiError } from "@/lib/server/device-api/api-response";
import { readJsonBody } from "@/lib/server/device-api/read-json-body";
import { recordHttpTelemetry } from "@/lib/server/data/devices/record-http-telemetry";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

// Devices and the portal's HTTP check may call from any origin.
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
};

type Context = { params: Promise<{ deviceId: string }> };

/** Device telemetry over HTTP (HTTP models): `Authorization: <access key>`. */
export async function POST(request: Request, context: Context): Promise<Response> {
  try {
    const { deviceId } = await context.params;
    const accessKey = request.headers
      .get("authorization")
      ?.replace(/^Bearer\s+/i, "")
      .trim();
    if (!accessKey) throw new AppError("UNAUTHENTICATED", "authorization: the access key is required");
    const body = await readJsonBody(request);
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new AppError("VALIDATION", "body: must be a JSON object");
    const { receivedAt } = await recordHttpTelemetry({ deviceId, accessKey });
    return Response.json({ received: true, received_at: receivedAt.toISOString() }, { status: 201, headers: CORS });
  } catch (error) {
    const response = apiError(error);
    for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);
    return response;
  }
}

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: CORS });
}
