import { flushTelemetry } from "@/lib/server/data/telemetry/telemetry-buffer";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import type { DeviceTransport } from "./firmware-device";
import { randomAddress } from "./device-api";

type Handler = (request: Request, context: { params: Promise<{ deviceId: string }> }) => Promise<Response>;
type Module = Partial<Record<"GET" | "POST" | "PUT", Handler>>;

// The device API's routes by their path below /v1/devices/{id}.
const ROUTES: Array<[RegExp, () => Promise<Module>]> = [
  [/^$/, () => import("@/app/v1/devices/[deviceId]/route")],
  [/^\/telemetry$/, () => import("@/app/v1/devices/[deviceId]/telemetry/route")],
  [/^\/command$/, () => import("@/app/v1/devices/[deviceId]/command/route")],
  [/^\/files\/[^/]+\/download$/, () => import("@/app/v1/devices/[deviceId]/files/[fileId]/download/route")],
];

/**
 * The device API's route handlers as a device transport: each call goes
 * through the same handler an HTTP request would, and telemetry is written
 * at once (the portal's buffer would write it within 250 ms).
 */
export const routeTransport: DeviceTransport = async (method, path, init) => {
  const match = /^\/v1\/devices\/([^/]+)(.*)$/.exec(path);
  const [deviceId, rest] = match ? [match[1]!, match[2]!] : ["", path];
  const load = ROUTES.find(([pattern]) => pattern.test(rest))?.[1];
  const handler = load ? (await load())[method] : undefined;
  if (!handler) throw new Error(`no route for ${method} ${path}`);
  const response = await handler(
    new Request(`http://portal.test${path}`, {
      method,
      headers: {
        authorization: init.key,
        [CLIENT_ADDRESS_HEADER]: randomAddress(),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
    { params: Promise.resolve({ deviceId }) },
  );
  if (/\/telemetry$/.test(rest)) await flushTelemetry();
  return response;
};
