import { checkReadiness } from "@/lib/server/start/readiness";

export const dynamic = "force-dynamic";

/** Readiness for load balancers: 200 when the database and the hub both are; 503 naming the part that is not. */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
