import { uploadFirmwareByToken } from "@/lib/server/management-api/firmware-api";
import { serveManagementRequest } from "@/lib/server/management-api/serve-management-api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ modelId: string }> };

// The upload streams its body, so it has a route of its own; the list is the
// management API's table (lib/server/management-api/routes.ts), as everywhere under /api/v1.
export async function POST(request: Request, context: Context): Promise<Response> {
  return uploadFirmwareByToken(request, (await context.params).modelId);
}

export const GET = (request: Request) => serveManagementRequest(request);
