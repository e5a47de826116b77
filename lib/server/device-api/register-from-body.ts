import "server-only";
import { describeIssue, registerDeviceSchema, type RegisteredDevice } from "@/lib/schemas/device-registration";
import { getHub } from "@/lib/server/start/start-hub";
import { registerDevice } from "../data/devices/register-device";
import { AppError } from "../errors";
import { hashSecret } from "../secrets";
import { limitByHardwareKey } from "./rate-limits";

/** One registration from an untrusted JSON value: validate, limit per key, register. */
export async function registerFromBody(body: unknown, ip: string): Promise<RegisteredDevice> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("VALIDATION", "body: must be a JSON object");
  }
  const parsed = registerDeviceSchema.safeParse(body);
  if (!parsed.success) throw new AppError("VALIDATION", describeIssue(parsed.error, body));
  await limitByHardwareKey(hashSecret(parsed.data.hardware_key));
  return registerDevice({ input: parsed.data, hub: getHub(), ip });
}
