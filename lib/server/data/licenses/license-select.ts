import "server-only";
import type { LicenseAnswer, LicenseState } from "@/lib/schemas/license";

export const LICENSE_SELECT = {
  id: true,
  deviceId: true,
  signedData: true,
  signature: true,
  expiresAt: true,
  desired: true,
  state: true,
  error: true,
  issuedBy: true,
  createdAt: true,
  stateAt: true,
  revokedAt: true,
  type: { select: { name: true } },
} as const;

export type LicenseRow = {
  id: string;
  deviceId: string;
  signedData: string;
  signature: string;
  expiresAt: Date | null;
  desired: string;
  state: string;
  error: string | null;
  issuedBy: string;
  createdAt: Date;
  stateAt: Date | null;
  revokedAt: Date | null;
  type: { name: string };
};

/** Waiting for the device: issued and not applied yet, or revoked and still applied. */
export const isLicenseWaiting = (row: Pick<LicenseRow, "desired" | "state">): boolean =>
  row.desired === "active" ? row.state === "pending" : row.state === "inuse" || row.state === "error";

/** A licence in Xyte's shape, with what the device is to do with it. */
export function licenseAnswer(row: LicenseRow): LicenseAnswer {
  const signed = JSON.parse(row.signedData) as { data: Record<string, unknown> };
  return {
    id: row.id,
    device_id: row.deviceId,
    type: row.type.name,
    data: signed.data,
    signed_data: row.signedData,
    signature: row.signature,
    add: row.desired === "active" && row.state === "pending",
    remove: row.desired === "revoked" && isLicenseWaiting(row),
    update: false,
    expires_at: row.expiresAt?.toISOString() ?? null,
    state: row.state as LicenseState,
  };
}
