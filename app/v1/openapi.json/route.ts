import { deviceApiDocument } from "@/lib/device-api/openapi";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(deviceApiDocument(env().DEVICE_API_URL), { headers: { "Access-Control-Allow-Origin": "*" } });
}
