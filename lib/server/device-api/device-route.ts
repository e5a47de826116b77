import "server-only";
import { countDeviceRefusal } from "@/lib/runtime/metrics";
import { type z } from "zod";
import { describeIssue } from "@/lib/schemas/device-registration";
import { AppError } from "../errors";
import { apiError, clientAddress } from "./api-response";
import { recordHttpCall } from "../device-history/record-http-call";
import type { AuthenticatedDevice } from "../data/devices/find-device-for-call";
import { authenticateDevice, DeviceAuthError, presentedAccessKey } from "./authenticate-device";
import { readJsonBody } from "./read-json-body";

// Devices call from anywhere, and the portal's HTTP check calls from the
// partner's browser, so every device route answers CORS.
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
};

// Why a call was refused, for the device's history (the caller is only told 401).
const REFUSALS: Record<DeviceAuthError["reason"], string> = {
  "no-key": "no Authorization header: send the access key",
  unknown: "unknown device",
  disabled: "the device is disabled",
  "wrong-key": "the Authorization header is not the device's current access key",
};

async function errorOf(response: Response): Promise<string | undefined> {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: unknown } | null;
  return typeof body?.error === "string" ? body.error : undefined;
}

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
    const { deviceId } = await context.params;
    let isKnownDevice = true;
    let refusal: string | undefined;
    try {
      const device = await authenticateDevice(deviceId, presentedAccessKey(request));
      response = await handler({ request, device, ip: clientAddress(request) });
    } catch (error) {
      if (error instanceof DeviceAuthError) {
        isKnownDevice = error.isKnownDevice;
        countDeviceRefusal("http", error.reason);
        refusal = REFUSALS[error.reason];
      }
      response = apiError(error);
    }
    // The call goes into the device's history; calls naming no device are not kept.
    if (isKnownDevice) {
      const { pathname } = new URL(request.url);
      const message = refusal ?? (response.status >= 300 ? await errorOf(response) : undefined);
      recordHttpCall({ deviceId, method: request.method, path: pathname, status: response.status, message });
    }
    return withDeviceCors(response);
  };
}

/** The device API's CORS headers on an answer: devices and the partner's browser call from anywhere. */
export function withDeviceCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);
  return response;
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
