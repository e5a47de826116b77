import { managementApiDocument } from "@/lib/management-api/openapi";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(managementApiDocument(env().PUBLIC_URL));
}
