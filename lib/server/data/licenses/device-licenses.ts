import "server-only";
import type { LicenseReport } from "@/lib/schemas/license";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { LICENSE_SELECT, type LicenseRow } from "./license-select";

/** Get Licenses (Xyte): the device's licences, less those revoked and removed. */
export function findLicensesForDevice(deviceId: string): Promise<LicenseRow[]> {
  return db.deviceLicense.findMany({
    where: { deviceId, NOT: { desired: "revoked", state: "removed" } },
    orderBy: { createdAt: "asc" },
    select: LICENSE_SELECT,
  });
}

/** Update License (Xyte): the state the device reports for one of its licences; any other id is 404. */
export async function reportLicenseState(deviceId: string, report: LicenseReport): Promise<LicenseRow> {
  const license = await db.deviceLicense.findFirst({ where: { id: report.id, deviceId }, select: { id: true } });
  if (!license) throw new AppError("NOT_FOUND", `id: no license ${report.id} for this device`);
  return db.deviceLicense.update({
    where: { id: license.id },
    data: { state: report.state, error: report.state === "error" ? (report.error ?? null) : null, stateAt: new Date() },
    select: LICENSE_SELECT,
  });
}

/** The device page's licences, newest first (removed ones too: the page shows what happened). */
export function findLicensesForPage(partnerId: string, deviceId: string): Promise<LicenseRow[]> {
  return db.deviceLicense.findMany({
    where: { partnerId, deviceId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: LICENSE_SELECT,
  });
}
