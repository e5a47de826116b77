import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { secretMatches } from "../secrets";

const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The device behind a device API call, with what its answers need. */
export type AuthenticatedDevice = {
  id: string;
  partnerId: string;
  sn: string;
  firmwareVersion: string;
  configVersion: number;
};

/** The access key a call presents: `Authorization: <key>` as Xyte's agents send it, or `Bearer <key>`. */
export function presentedAccessKey(request: Request): string | null {
  return (
    request.headers
      .get("authorization")
      ?.replace(/^Bearer\s+/i, "")
      .trim() || null
  );
}

/**
 * Authenticates a device API call by the device's access key. A wrong key and
 * an unknown, disabled or deleted device all answer the same 401 (Xyte's
 * agents register again on it), so the API reveals nothing about which ids exist.
 */
export async function authenticateDevice(deviceId: string, accessKey: string | null): Promise<AuthenticatedDevice> {
  if (!accessKey) throw new AppError("UNAUTHENTICATED", "authorization: the access key is required");
  const device = DEVICE_ID.test(deviceId)
    ? await db.device.findUnique({
        where: { id: deviceId },
        select: {
          id: true,
          partnerId: true,
          sn: true,
          firmwareVersion: true,
          configVersion: true,
          isEnabled: true,
          accessKeyHash: true,
        },
      })
    : null;
  if (!device || !device.isEnabled || !secretMatches(accessKey, device.accessKeyHash)) {
    throw new AppError("UNAUTHENTICATED", "authorization: unknown device or wrong access key");
  }
  const { isEnabled: _isEnabled, accessKeyHash: _hash, ...authenticated } = device;
  return authenticated;
}
