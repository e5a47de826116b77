import { serveManagementRequest } from "@/lib/server/management-api/serve-management-api";

export const dynamic = "force-dynamic";

/**
 * The management API through Next.js's router (development, and any path
 * server.ts does not serve itself); the routes are in one table
 * (lib/server/management-api/routes.ts).
 */
const dispatch = (request: Request) => serveManagementRequest(request);

export { dispatch as GET, dispatch as POST, dispatch as PUT, dispatch as PATCH, dispatch as DELETE };
