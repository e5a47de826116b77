import { BULK_CREATE_LIMIT } from "@/lib/schemas/device-registration";
import { apiError, clientAddress, describeApiError } from "@/lib/server/device-api/api-response";
import { registrationLimitKey } from "@/lib/server/device-api/portal-caller";
import { limitByAddress } from "@/lib/server/device-api/rate-limits";
import { readJsonBody } from "@/lib/server/device-api/read-json-body";
import { registerFromBody } from "@/lib/server/device-api/register-from-body";
import { AppError } from "@/lib/server/errors";
import { countRegistration } from "@/lib/runtime/metrics";

export const dynamic = "force-dynamic";

/**
 * Up to 25 registrations; 207 with one result per item, in order: the
 * created device with its credentials, or that item's status and error.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const ip = clientAddress(request);
    const body = await readJsonBody(request);
    if (!Array.isArray(body)) throw new AppError("VALIDATION", "body: must be a JSON array of registrations");
    if (body.length === 0) throw new AppError("VALIDATION", "body: must contain at least one registration");
    if (body.length > BULK_CREATE_LIMIT)
      throw new AppError("VALIDATION", `body: at most ${BULK_CREATE_LIMIT} registrations per request`);
    await limitByAddress(registrationLimitKey(request), body.length);
    const results = [];
    // One at a time: items may repeat a serial number, and the first one wins.
    for (const item of body) {
      try {
        results.push({ status: 201, device: await registerFromBody(item, ip) });
        countRegistration(201);
      } catch (error) {
        const { status, error: message } = describeApiError(error);
        countRegistration(status);
        results.push({ status, error: message });
      }
    }
    return Response.json({ results }, { status: 207, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return apiError(error);
  }
}
