import { hubEventSchema } from "@/lib/schemas/hub-auth";
import { answerHubCall } from "@/lib/server/hub-auth/answer-hub-auth";
import { recordDeviceEvent } from "@/lib/server/hub-auth/check-device-access";

export const dynamic = "force-dynamic";

/** EMQX webhook (HUB_MODE=emqx): a device connected, disconnected or published; its presence is stored for every portal process. */
export function POST(request: Request): Promise<Response> {
  return answerHubCall(request, hubEventSchema, (input) => Promise.resolve({ recorded: recordDeviceEvent(input) }));
}
