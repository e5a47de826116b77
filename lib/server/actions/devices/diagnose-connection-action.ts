"use server";

import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { diagnoseSchema, type RefusalCause } from "@/lib/schemas/connection-check";
import { diagnoseRefusal } from "../../data/devices/diagnose-refusal";
import { asAppError } from "../../errors";
import { limiter } from "../../rate-limiter";
import { authorize, type Viewer } from "../../auth/session";

// Comparing pasted keys is an oracle; keep it to a human's pace (counted where
// RATE_LIMIT_STORE says, like every other limit). Made on first use: the
// store is read from the environment at run time, not at build.
let checksPerUser: RateLimiterAbstract | null = null;

export type Diagnosis = { ok: true; cause: RefusalCause } | { ok: false; message: string };

/** Explains a refusal the hub reported only as 135 (lib/server/data/devices/diagnose-refusal.ts). */
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
    await (checksPerUser ??= limiter("diagnose", 20)).consume(viewer.userId);
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, message: "Too many checks; wait a minute." };
    throw error;
  }
  return { ok: true, cause: await diagnoseRefusal({ partnerId: viewer.partnerId, ...parsed.data }) };
}
