import { checkLiveness } from "@/lib/server/start/readiness";

export const dynamic = "force-dynamic";

/** Liveness for process supervisors and the start-up warm-up: database and hub started (readiness: /api/health/ready). */
export async function GET() {
  const { status, json } = await checkLiveness();
  return Response.json(json, { status });
}
