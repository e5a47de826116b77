import "server-only";
import type { IssueLicense } from "@/lib/schemas/license";
import { signForPartner } from "./signing-key";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { newPublicId } from "../../ids";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { LICENSE_SELECT, type LicenseRow } from "./license-select";

/** A device holds at most this many licences not removed: the device API lists them all on every fetch. */
export const MAX_DEVICE_LICENSES = 100;

/**
 * Issues a licence of one of the device's model's types. Its data, bound to
 * this device and licence id, is signed with the partner's key; the device's
 * next telemetry answer says new_licenses: true.
 */
export async function issueLicense(options: {
  partnerId: string;
  actor: Actor;
  input: IssueLicense;
}): Promise<LicenseRow> {
  const { partnerId, actor, input } = options;
  const device = await db.device.findFirst({
    where: { id: input.deviceId, partnerId },
    select: { id: true, sn: true, modelId: true },
  });
  if (!device) throw new AppError("NOT_FOUND", "Device not found.");
  const type = await db.licenseType.findFirst({ where: { id: input.typeId, modelId: device.modelId } });
  if (!type) {
    throw new AppError("VALIDATION", "Choose a licence type of this device's model.", {
      fieldErrors: { typeId: ["Choose a licence type of this device's model"] },
    });
  }
  const id = newPublicId("lic");
  const signedData = JSON.stringify({
    license_id: id,
    device_id: device.id,
    type: type.name,
    data: input.data,
    expires_at: input.expiresOn?.toISOString() ?? null,
  });
  const signature = await signForPartner(partnerId, signedData);
  return db.$transaction(async (tx) => {
    const held = await tx.deviceLicense.count({ where: { deviceId: device.id, NOT: { state: "removed" } } });
    if (held >= MAX_DEVICE_LICENSES) {
      throw new AppError("CONFLICT", `This device already holds ${MAX_DEVICE_LICENSES} licences; revoke some first.`);
    }
    const license = await tx.deviceLicense.create({
      data: {
        id,
        partnerId,
        deviceId: device.id,
        typeId: type.id,
        signedData,
        signature,
        expiresAt: input.expiresOn,
        desired: "active",
        state: "pending",
        issuedBy: actor.label,
      },
      select: LICENSE_SELECT,
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "license.issue",
      targetType: "device",
      targetId: device.id,
      summary: `Issued licence "${type.name}" (${id})${input.expiresOn ? ` until ${input.expiresOn.toISOString().slice(0, 10)}` : ""}`,
    });
    return license;
  });
}
