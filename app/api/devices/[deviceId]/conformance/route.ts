import { conformanceMarkdown, onboardingChecklist } from "@/lib/devices/onboarding-checklist";
import { getOnboardingFacts } from "@/lib/server/data/devices/get-onboarding-facts";
import { portalReadRoute } from "@/lib/server/portal-route";

export const dynamic = "force-dynamic";

/** GET /api/devices/{id}/conformance?format=md|json: the checklist as a report to download and attach. */
export const GET = portalReadRoute<{ deviceId: string }>("device.read", async ({ viewer, request, params }) => {
  const format = new URL(request.url).searchParams.get("format") ?? "md";
  if (format !== "md" && format !== "json")
    return Response.json({ error: 'format: must be "md" or "json"' }, { status: 422 });
  const { facts, device } = await getOnboardingFacts({ partnerId: viewer.partnerId, deviceId: params.deviceId });
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
});
