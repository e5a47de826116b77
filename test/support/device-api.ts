import { randomBytes, randomUUID } from "node:crypto";
import { POST as registerRoute } from "@/app/v1/devices/route";
import { POST as bulkRoute } from "@/app/v1/devices/bulk_create/route";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { makeModel, makePartner } from "./partners";

export const randomAddress = () => `10.${randomBytes(3).join(".")}`;

/** Calls a device API route as an HTTP request would, from a given address. */
export async function call(
  route: "register" | "bulk",
  body: unknown,
  options: { ip?: string; contentType?: string; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const request = new Request("http://portal.test/v1/devices", {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/json",
      [CLIENT_ADDRESS_HEADER]: options.ip ?? randomAddress(),
      ...options.headers,
    },
    body: options.raw ?? JSON.stringify(body),
  });
  const response = await (route === "register" ? registerRoute : bulkRoute)(request);
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** A partner's model of the given protocol with an active hardware key. */
export async function modelWithKey(protocol: "MQTT" | "HTTP" = "MQTT") {
  const partner = await makePartner();
  const modelId = await makeModel(partner, { protocol });
  const key = await createHardwareKey({ ...partner, input: { modelId, label: "Batch", expectedDevices: null } });
  return { ...partner, modelId, keyId: key.id, hardwareKey: key.secret };
}

export const body = (hardwareKey: string, extra: Record<string, unknown> = {}) => ({
  sn: `SN-${randomUUID().slice(0, 12)}`,
  firmware_version: "1.4.2",
  hardware_key: hardwareKey,
  ...extra,
});

type DeviceRoute = (request: Request, context: { params: Promise<{ deviceId: string }> }) => Promise<Response>;
type Method = "GET" | "POST" | "PUT" | "DELETE";
type DeviceRoutes = Partial<Record<Method, DeviceRoute>>;

// The device API's per-device routes, by the path below /v1/devices/{id}.
const deviceRoutes: Record<string, () => Promise<DeviceRoutes>> = {
  "": () => import("@/app/v1/devices/[deviceId]/route"),
  "/telemetry": () => import("@/app/v1/devices/[deviceId]/telemetry/route"),
  "/command": () => import("@/app/v1/devices/[deviceId]/command/route"),
  "/command/pending_commands": () => import("@/app/v1/devices/[deviceId]/command/pending_commands/route"),
  "/space": () => import("@/app/v1/devices/[deviceId]/space/route"),
  "/children": () => import("@/app/v1/devices/[deviceId]/children/route"),
  "/config": () => import("@/app/v1/devices/[deviceId]/config/route"),
  "/licenses": () => import("@/app/v1/devices/[deviceId]/licenses/route"),
  "/license": () => import("@/app/v1/devices/[deviceId]/license/route"),
  "/incidents": () => import("@/app/v1/devices/[deviceId]/incidents/route"),
  "/events": () => import("@/app/v1/devices/[deviceId]/events/route"),
  "/incidents/:id": () => import("@/app/v1/devices/[deviceId]/incidents/[incidentId]/route"),
};
type DevicePath =
  | ""
  | "/telemetry"
  | "/command"
  | "/command/pending_commands"
  | "/space"
  | "/children"
  | "/config"
  | "/licenses"
  | "/license"
  | "/events"
  | "/incidents"
  | `/incidents/${string}`;

/** Calls `METHOD /v1/devices/{id}{path}` as a device would, with its access key. */
export async function deviceCall(
  method: Method,
  deviceId: string,
  path: DevicePath,
  accessKey: string | null,
  body?: unknown,
  options: { raw?: string; contentType?: string } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const routeKey = path.startsWith("/incidents/") ? "/incidents/:id" : path;
  const route = (await deviceRoutes[routeKey]!())[method];
  if (!route) throw new Error(`no ${method} ${path}`);
  const hasBody = body !== undefined || options.raw !== undefined;
  const request = new Request(`http://portal.test/v1/devices/${deviceId}${path}`, {
    method,
    headers: {
      ...(accessKey ? { authorization: accessKey } : {}),
      ...(hasBody ? { "content-type": options.contentType ?? "application/json" } : {}),
      [CLIENT_ADDRESS_HEADER]: randomAddress(),
    },
    ...(hasBody ? { body: options.raw ?? JSON.stringify(body) } : {}),
  });
  const response = await route(request, { params: Promise.resolve({ deviceId }) });
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}
