import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

/**
 * Takes a licence back: the device is told to remove it (remove: true) if it
 * applied it; one it never applied is removed at once.
 */
export async function revokeLicense(options: { partnerId: string; actor: Actor; licenseId: string }) {
  const { partnerId, actor, licenseId } = options;
  return db.$transaction(async (tx) => {
    const license = await tx.deviceLicense.findFirst({
      where: { id: licenseId, partnerId },
      select: { id: true, deviceId: true, desired: true, state: true, type: { select: { name: true } } },
    });
    if (!license) throw new AppError("NOT_FOUND", "Licence not found.");
    if (license.desired === "revoked") throw new AppError("CONFLICT", "This licence is already revoked.");
    const now = new Date();
    await tx.deviceLicense.update({
      where: { id: license.id },
      data: {
        desired: "revoked",
        revokedAt: now,
        ...(license.state === "pending" || license.state === "removed" ? { state: "removed", stateAt: now } : {}),
      },
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "license.revoke",
      targetType: "device",
      targetId: license.deviceId,
      summary: `Revoked licence "${license.type.name}" (${license.id})`,
    });
    return { deviceId: license.deviceId };
  });
}
