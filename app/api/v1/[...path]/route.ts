import { AppError } from "@/lib/server/errors";
import { managementError } from "@/lib/server/management-api/management-route";
import { matchManagementRoute } from "@/lib/server/management-api/routes";

export const dynamic = "force-dynamic";

/**
 * The management API through Next.js's router (development, and any path
 * server.ts does not serve itself); the routes are in one table.
 */
async function dispatch(request: Request): Promise<Response> {
  const found = matchManagementRoute(request.method, new URL(request.url).pathname);
  if (!found)
    return managementError(new AppError("NOT_FOUND", "No such management API endpoint; see /api/v1/openapi.json."));
  return found.handler(request, { params: Promise.resolve(found.params) });
}

export { dispatch as GET, dispatch as POST, dispatch as PUT, dispatch as PATCH, dispatch as DELETE };
