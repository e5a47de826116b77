import "server-only";
import { jsonRoute, type FastRoute } from "@/lib/runtime/fast-routes";
import { countRegistration } from "@/lib/runtime/metrics";
import { nodeHeaders, type HeaderSource } from "@/lib/http/request-headers";
import { apiErrorAnswer, clientAddress } from "./api-response";
import { registrationLimitKey } from "./portal-caller";
import { limitByAddress } from "./rate-limits";
import { parseJsonBytes } from "./read-json-body";
import { registerFromBody } from "./register-from-body";

/**
 * One call of the Register Device API, answered as status and JSON: the
 * route handler (app/v1/devices/route.ts) turns it into a Response, and
 * server.ts serves it straight from Node's request (registrationFastRoute),
 * without Web Request and Response objects: they cost ~10% of the portal's
 * CPU under registration load (docs/performance.md).
 */
export async function answerRegistration(
  request: { headers: HeaderSource },
  /** The parsed body, or a promise of it; throws (or rejects) with the 413, 415 or 422 to answer. */
  readBody: () => unknown,
): Promise<{ status: number; json: unknown; headers: Record<string, string> }> {
  try {
    const ip = clientAddress(request);
    await limitByAddress(registrationLimitKey(request));
    const device = await registerFromBody(await readBody(), ip);
    countRegistration(201);
    return { status: 201, json: device, headers: { "Cache-Control": "no-store" } };
  } catch (error) {
    const answer = apiErrorAnswer(error);
    countRegistration(answer.status);
    return answer;
  }
}

/** POST /v1/devices as server.ts serves it (instrumentation.ts): the same answers as the route handler. */
export const registrationFastRoute: FastRoute = jsonRoute((call) => {
  const headers = nodeHeaders(call.headers);
  return answerRegistration({ headers }, () => parseJsonBytes(headers.get("content-type"), call.body));
});
