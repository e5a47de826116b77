import "server-only";
import { findDeviceForCall, type AuthenticatedDevice, type DeviceForCall } from "../data/devices/find-device-for-call";
import { AppError } from "../errors";
import { secretMatches } from "../secrets";
import { isDeviceId } from "@/lib/devices/device-id";

/** A refused device call, with why (kept in the device's history, never told to the caller). */
export class DeviceAuthError extends AppError {
  constructor(
    readonly reason: "no-key" | "unknown" | "disabled" | "wrong-key",
    /** The device exists: its history may say it was refused. */
    readonly isKnownDevice: boolean,
  ) {
    super(
      "UNAUTHENTICATED",
      reason === "no-key"
        ? "authorization: the access key is required"
        : "authorization: unknown device or wrong access key",
    );
  }
}

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
 * agents register again on it), so the API reveals nothing about which ids
 * exist. Read fresh on every call: a change takes effect at once.
 */
export async function authenticateDevice(deviceId: string, accessKey: string | null): Promise<AuthenticatedDevice> {
  const hasIdShape = isDeviceId(deviceId);
  if (!accessKey) throw new DeviceAuthError("no-key", hasIdShape);
  return checkDeviceKey(hasIdShape ? await findDeviceForCall(deviceId) : undefined, accessKey);
}

/** The device a row describes, if it is enabled and `accessKey` is its key; else the same refusals. */
export function checkDeviceKey(row: DeviceForCall | undefined, accessKey: string): AuthenticatedDevice {
  if (!row) throw new DeviceAuthError("unknown", false);
  // SQLite answers booleans as 0 and 1.
  if (!row.isEnabled) throw new DeviceAuthError("disabled", true);
  if (!secretMatches(accessKey, row.accessKeyHash)) throw new DeviceAuthError("wrong-key", true);
  return authenticatedFrom(row);
}

/** A device row as an authenticated caller, once its key (or its gateway's) was checked. */
export function authenticatedFrom(row: DeviceForCall): AuthenticatedDevice {
  return {
    id: row.id,
    partnerId: row.partnerId,
    modelId: row.modelId,
    sn: row.sn,
    firmwareVersion: row.firmwareVersion,
    configVersion: Number(row.configVersion),
    infoVersion: Number(row.infoVersion),
    isCommandWaiting: Boolean(row.isCommandWaiting),
    isLicenseWaiting: Boolean(row.isLicenseWaiting),
    rolloutId: row.rolloutId,
  };
}
