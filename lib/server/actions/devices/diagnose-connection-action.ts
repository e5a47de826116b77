"use server";

import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { diagnoseSchema, type RefusalCause } from "@/lib/schemas/connection-check";
import { db } from "../../db";
import { secretMatches } from "../../secrets";
import { asAppError } from "../../errors";
import { authorize, type Viewer } from "../../session";

// Comparing pasted keys is an oracle; keep it to a human's pace.
const limiter = new RateLimiterMemory({ keyPrefix: "diagnose", points: 20, duration: 60 });

export type Diagnosis = { ok: true; cause: RefusalCause } | { ok: false; message: string };

/**
 * Explains a refusal the hub reported only as 135. The key is compared with
 * the stored hash and then forgotten: match or no match is all it reveals.
 */
export async function diagnoseConnectionAction(input: { deviceId: string; accessKey: string }): Promise<Diagnosis> {
  let viewer: Viewer;
  try {
    viewer = await authorize("device.liveCheck");
  } catch (error) {
    const expected = asAppError(error);
    if (!expected) throw error;
    return { ok: false, message: expected.message };
  }
  const parsed = diagnoseSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  try {
    await limiter.consume(viewer.userId);
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, message: "Too many checks; wait a minute." };
    throw error;
  }
  const device = await db.device.findFirst({
    where: { id: parsed.data.deviceId, partnerId: viewer.partnerId },
    select: { isEnabled: true, accessKeyHash: true, model: { select: { communicationProtocol: true } } },
  });
  if (!device) return { ok: true, cause: "DELETED" };
  if (device.model.communicationProtocol !== "MQTT") return { ok: true, cause: "HTTP_MODEL" };
  if (!device.isEnabled) return { ok: true, cause: "DISABLED" };
  return {
    ok: true,
    cause: secretMatches(parsed.data.accessKey, device.accessKeyHash) ? "HUB_NOT_IN_SYNC" : "KEY_MISMATCH",
  };
}
