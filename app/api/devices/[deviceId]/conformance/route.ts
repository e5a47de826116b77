import { conformanceMarkdown, onboardingChecklist } from "@/lib/devices/onboarding-checklist";
import { getOnboardingFacts } from "@/lib/server/data/devices/get-onboarding-facts";
import { asAppError } from "@/lib/server/errors";
import { getViewer } from "@/lib/server/session";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ deviceId: string }> };

/** GET /api/devices/{id}/conformance?format=md|json: the checklist as a report to download and attach. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "sign in" }, { status: 401 });
  const format = new URL(request.url).searchParams.get("format") ?? "md";
  if (format !== "md" && format !== "json")
    return Response.json({ error: 'format: must be "md" or "json"' }, { status: 422 });
  try {
    const { deviceId } = await context.params;
    const { facts, device } = await getOnboardingFacts({ partnerId: viewer.partnerId, deviceId });
    const report = { device, generatedAt: new Date().toISOString(), steps: onboardingChecklist(facts) };
    const file = `conformance-${device.sn.replace(/[^A-Za-z0-9._-]/g, "_")}.${format}`;
    const headers = { "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "no-store" };
    if (format === "json") {
      const passed = report.steps.every((step) => step.status === "done");
      return Response.json({ ...report, passed }, { headers });
    }
    return new Response(conformanceMarkdown(report), {
      headers: { ...headers, "Content-Type": "text/markdown; charset=utf-8" },
    });
  } catch (error) {
    const expected = asAppError(error);
    if (!expected) throw error;
    return Response.json({ error: expected.message }, { status: expected.status });
  }
}
