import { apiError, clientAddress } from "@/lib/server/device-api/api-response";
import { registrationLimitKey } from "@/lib/server/device-api/portal-caller";
import { limitByAddress } from "@/lib/server/device-api/rate-limits";
import { readJsonBody } from "@/lib/server/device-api/read-json-body";
import { registerFromBody } from "@/lib/server/device-api/register-from-body";
import { countRegistration } from "@/lib/metrics";

export const dynamic = "force-dynamic";

/** Register Device API (Xyte-compatible): see /v1/openapi.json. */
export async function POST(request: Request): Promise<Response> {
  try {
    const ip = clientAddress(request);
    await limitByAddress(registrationLimitKey(request));
    const device = await registerFromBody(await readJsonBody(request), ip);
    countRegistration(201);
    return Response.json(device, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const response = apiError(error);
    countRegistration(response.status);
    return response;
  }
}
