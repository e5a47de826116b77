import { getRunningHub } from "@/lib/hub/registry";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Liveness for process supervisors and the start-up warm-up: database and hub started (readiness: /api/health/ready). */
export async function GET() {
  const hub = getRunningHub();
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return Response.json({ ok: false, database: "unreachable", hub: hub?.kind ?? "stopped" }, { status: 503 });
  }
  return Response.json({ ok: Boolean(hub), database: "ok", hub: hub?.kind ?? "stopped" }, { status: hub ? 200 : 503 });
}
