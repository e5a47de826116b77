import "server-only";
import { db } from "../../database/db";
import { byNewestVersion, FIRMWARE_FILE_SELECT, type FirmwareFileRow } from "./firmware-file-select";

/** The files of a device's model, newest version first (a device sees its own model's files only). */
export async function findDeviceFiles(modelId: string): Promise<FirmwareFileRow[]> {
  const files = await db.firmwareFile.findMany({ where: { modelId }, select: FIRMWARE_FILE_SELECT });
  return files.sort(byNewestVersion);
}

/** One file of the device's model, or null (another model's file is as unknown as a made-up id). */
export function findDeviceFile(modelId: string, fileId: string): Promise<FirmwareFileRow | null> {
  return db.firmwareFile.findFirst({ where: { id: fileId, modelId }, select: FIRMWARE_FILE_SELECT });
}

/** Which of these ids are stored files (the store's sweep keeps those). */
export async function findKnownFirmwareIds(ids: string[]): Promise<Set<string>> {
  const rows = await db.firmwareFile.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}
