import { hubAuthzSchema } from "@/lib/schemas/hub-auth";
import { answerHubCall, hookResult } from "@/lib/server/hub-auth/answer-hub-auth";
import { authorizeDevice } from "@/lib/server/hub-auth/check-device-access";

export const dynamic = "force-dynamic";

/** EMQX HTTP authorization (HUB_MODE=emqx): may this device publish or subscribe to this topic? */
export function POST(request: Request): Promise<Response> {
  return answerHubCall(request, hubAuthzSchema, async (input) => hookResult(await authorizeDevice(input)));
}
