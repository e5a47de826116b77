import "server-only";
import { db } from "../../database/db";
import { byNewestVersion, FIRMWARE_FILE_SELECT, type FirmwareFileRow } from "./firmware-file-select";

/** A model's firmware files, newest version first; [] for a model that is not the partner's. */
export async function findModelFirmware(options: { partnerId: string; modelId: string }): Promise<FirmwareFileRow[]> {
  const files = await db.firmwareFile.findMany({
    where: { modelId: options.modelId, partnerId: options.partnerId },
    select: FIRMWARE_FILE_SELECT,
  });
  return files.sort(byNewestVersion);
}
