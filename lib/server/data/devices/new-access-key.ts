import "server-only";
import { brokerPasswordHashAsync } from "@/lib/hub/broker-password";
import { generateSecret, hashSecret } from "../../secrets";

export const ACCESS_KEY_PREFIX = "pdk";

/**
 * A new device access key with the two forms the device row stores: the
 * portal's HMAC (for HTTP auth and lookups) and the broker's salted PBKDF2.
 */
export async function newAccessKey(): Promise<{ accessKey: string; accessKeyHash: string; hubPasswordHash: string }> {
  const accessKey = generateSecret(ACCESS_KEY_PREFIX);
  return { accessKey, accessKeyHash: hashSecret(accessKey), hubPasswordHash: await brokerPasswordHashAsync(accessKey) };
}
