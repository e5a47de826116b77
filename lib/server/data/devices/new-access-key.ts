import "server-only";
import { randomUUID } from "node:crypto";
import type { DeviceCredentials } from "@/lib/hub/credential-pool";
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

/** An id and access key for a new device (the hubs hand these out: DeviceHub.issueCredentials). */
export async function newDeviceCredentials(): Promise<DeviceCredentials> {
  return { id: randomUUID(), ...(await newAccessKey()) };
}
