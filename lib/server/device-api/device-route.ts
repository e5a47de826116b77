import "server-only";
import { type z } from "zod";
import { describeIssue } from "@/lib/schemas/device-registration";
import { AppError } from "../errors";
import { apiError, clientAddress } from "./api-response";
import { authenticateDevice, presentedAccessKey, type AuthenticatedDevice } from "./authenticate-device";
import { readJsonBody } from "./read-json-body";

// Devices call from anywhere, and the portal's HTTP check calls from the
// partner's browser, so every device route answers CORS.
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
};

export type DeviceCall = { request: Request; device: AuthenticatedDevice; ip: string };
type Context = { params: Promise<{ deviceId: string }> };

/**
 * A route handler of the device API for an authenticated device (its id in
 * the path, its access key in Authorization): every failure is the API's
 * {"error"} answer, and every answer carries CORS headers.
 */
export function deviceRoute(handler: (call: DeviceCall) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    let response: Response;
    try {
      const { deviceId } = await context.params;
      const device = await authenticateDevice(deviceId, presentedAccessKey(request));
      response = await handler({ request, device, ip: clientAddress(request) });
    } catch (error) {
      response = apiError(error);
    }
    for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);
    return response;
  };
}

export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS });
}

/**
 * The request's JSON body checked by `schema`: 413/415/422 as for every
 * device call; fields a strict schema does not know are a 400 that names them.
 */
export async function readDeviceBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes?: number,
): Promise<z.output<S>> {
  const body = await readJsonBody(request, maxBytes);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("VALIDATION", "body: must be a JSON object");
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const unknown = parsed.error.issues.find((issue) => issue.code === "unrecognized_keys");
  if (unknown) throw new AppError("BAD_REQUEST", `body: unknown field ${unknown.keys.join(", ")}`);
  throw new AppError("VALIDATION", describeIssue(parsed.error, body));
}
