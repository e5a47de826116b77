import "server-only";
import { jsonRoute, type FastRoute } from "@/lib/runtime/fast-routes";
import { parseJsonBytes, readJsonBody } from "../device-api/read-json-body";
import { AppError } from "../errors";
import { asJsonObject, managementError, type ManagementHandler } from "./management-route";
import { matchManagementRoute } from "./routes";

/**
 * The management API for a Web Request: Next.js's catch-all (development,
 * and any path server.ts does not serve itself) and the tests.
 */
export async function serveManagementRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const found = matchManagementRoute(request.method, url.pathname);
  const result = found
    ? await found.handler(
        {
          url,
          header: (name) => request.headers.get(name),
          readBody: async () => asJsonObject(await readJsonBody(request)),
        },
        found.params,
      )
    : managementError(new AppError("NOT_FOUND", "No such management API endpoint; see /api/v1/openapi.json."));
  return Response.json(result.json, { status: result.status, headers: result.headers });
}

/** One management handler as server.ts serves it: node:http in and out, no Web Request or Response. */
export function managementFastRoute(handler: ManagementHandler): FastRoute {
  return jsonRoute(({ headers, body, url, params }) =>
    handler(
      {
        url: new URL(url, "http://localhost"),
        header: (name) => {
          const value = headers[name];
          return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
        },
        // A bad body is a rejected promise, as the Web route gives.
        readBody: () => Promise.resolve().then(() => asJsonObject(parseJsonBytes(headers["content-type"], body))),
      },
      params,
    ),
  );
}
