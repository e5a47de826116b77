import { downloadDumpByToken } from "@/lib/server/management-api/records-api";

export const dynamic = "force-dynamic";

// A download streams its bytes, so it has a route of its own rather than a
// row in the management API's JSON table (lib/server/management-api/routes.ts).
export async function GET(request: Request, context: { params: Promise<{ dumpId: string }> }): Promise<Response> {
  return downloadDumpByToken(request, (await context.params).dumpId);
}
