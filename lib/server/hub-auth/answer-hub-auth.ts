import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import { env } from "@/lib/env";
import type { JsonAnswer, JsonCall } from "@/lib/runtime/fast-routes";
import { apiErrorAnswer } from "../device-api/api-response";
import { parseJsonBytes } from "../device-api/read-json-body";
import { AppError } from "../errors";
import { runningEmqxHub } from "./check-device-access";

function requireBrokerSecret(authorization: string | undefined): void {
  runningEmqxHub(); // 404 unless HUB_MODE=emqx, so HUB_AUTH_SECRET is set below
  const expected = Buffer.from(`Bearer ${env().HUB_AUTH_SECRET ?? ""}`);
  const presented = Buffer.from(authorization ?? "");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new AppError("UNAUTHENTICATED", "authorization: the hub's shared secret is required");
  }
}

/**
 * One call from the EMQX cluster: the broker's shared secret, then the body,
 * then the answer. For the auth hooks anything but 200 makes EMQX "ignore"
 * this source and go on down its chain (which ends in deny).
 */
export async function answerHubCall<Schema extends z.ZodType>(
  call: JsonCall,
  schema: Schema,
  answer: (input: z.infer<Schema>) => Promise<Record<string, unknown>>,
): Promise<JsonAnswer> {
  try {
    requireBrokerSecret(call.headers.authorization);
    const parsed = schema.safeParse(parseJsonBytes(call.headers["content-type"], call.body, 70 * 1024));
    if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? "body: invalid");
    return { status: 200, json: await answer(parsed.data), headers: { "Cache-Control": "no-store" } };
  } catch (error) {
    return apiErrorAnswer(error);
  }
}

/** An auth hook's answer, as EMQX reads it. */
export const hookResult = (isAllowed: boolean) => ({ result: isAllowed ? "allow" : "deny" });
