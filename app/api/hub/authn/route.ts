import { hubAuthnSchema } from "@/lib/schemas/hub-auth";
import { answerHubCall, hookResult } from "@/lib/server/hub-auth/answer-hub-auth";
import { authenticateDevice } from "@/lib/server/hub-auth/check-device-access";

export const dynamic = "force-dynamic";

/** EMQX HTTP authentication (HUB_MODE=emqx): may this device connect? */
export function POST(request: Request): Promise<Response> {
  return answerHubCall(request, hubAuthnSchema, async (input) => ({ ...hookResult(await authenticateDevice(input)), is_superuser: false }));
}
