import { answerRegistration } from "@/lib/server/device-api/answer-registration";
import { readJsonBody } from "@/lib/server/device-api/read-json-body";

export const dynamic = "force-dynamic";

/** Register Device API (Xyte-compatible): see /v1/openapi.json. */
export async function POST(request: Request): Promise<Response> {
  const { status, json, headers } = await answerRegistration(request, () => readJsonBody(request));
  return Response.json(json, { status, headers });
}
