import "server-only";
import { env } from "@/lib/env";
import { findModelHardwareKey } from "../data/hardware-keys/find-model-hardware-key";
import { mintHardwareKeyToken } from "../data/hardware-keys/hardware-key-token";
import { AppError } from "../errors";
import { PORTAL_PARTNER_HEADER, portalPartnerHeader } from "./portal-caller";

/**
 * For the portal's own screens: checks that the hardware key is one of this
 * partner's model's active keys, and returns what to send as hardware_key
 * (a one-minute signed token: the portal keeps only the key's hash).
 */
export async function hardwareKeyForPortal(options: {
  partnerId: string;
  modelId: string;
  hardwareKeyId: string;
}): Promise<string> {
  const key = await findModelHardwareKey(options);
  if (!key) throw new AppError("NOT_FOUND", "Hardware key not found for this model.");
  if (key.revokedAt) {
    throw new AppError("CONFLICT", "That hardware key is revoked.", {
      fieldErrors: { hardwareKeyId: ["This key is revoked; choose an active one."] },
    });
  }
  return mintHardwareKeyToken(key.id);
}

/**
 * POSTs JSON to the portal's own device API over HTTP, as firmware would,
 * counted against the partner's registration limit rather than the loopback
 * address's. `error` is the API's {"error"} message, or says what status came back.
 */
export async function callDeviceApi(
  path: "/v1/devices" | "/v1/devices/bulk_create",
  body: unknown,
  partnerId: string,
): Promise<{ status: number; body: unknown; error: string }> {
  const response = await fetch(`${env().INTERNAL_URL}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", [PORTAL_PARTNER_HEADER]: portalPartnerHeader(partnerId) },
    body: JSON.stringify(body),
    cache: "no-store",
  });
  const json = (await response.json().catch(() => ({}))) as unknown;
  const error =
    typeof json === "object" && json && "error" in json ? String(json.error) : `The API answered ${response.status}.`;
  return { status: response.status, body: json, error };
}
