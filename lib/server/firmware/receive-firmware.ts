import "server-only";
import { env } from "@/lib/env";
import { isPrerelease } from "@/lib/firmware/semver";
import { getRunningHub } from "@/lib/hub/registry";
import { logger } from "@/lib/runtime/logger";
import type { FirmwareUpload } from "@/lib/schemas/firmware";
import type { Actor } from "../data/audit/record-audit-event";
import { assertFirmwareUploadable, createFirmwareFile } from "../data/firmware/create-firmware-file";
import { announceFirmware } from "../device-conversation/announce-firmware";
import { AppError } from "../errors";
import { newPublicId } from "../ids";
import { removeFirmware, storeFirmware, type StoredFirmware } from "./firmware-store";

/**
 * One upload, whoever sends it (the portal's dialog or an API token): the
 * body is streamed to the store and hashed on the way, never held whole in
 * memory; the row is written only once the bytes are stored, so an upload cut
 * off halfway leaves nothing in the model's list. A new release is then
 * announced to the model's connected devices, without waiting for them.
 */
export async function receiveFirmware(options: {
  partnerId: string;
  actor: Actor;
  modelId: string;
  input: FirmwareUpload;
  request: Request;
}): Promise<StoredFirmware & { id: string; version: string }> {
  const { partnerId, modelId, input, request } = options;
  const maxBytes = env().FIRMWARE_MAX_MB * 1024 * 1024;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `file: must be at most ${env().FIRMWARE_MAX_MB} MB`);
  if (!request.body || declared === 0) throw new AppError("VALIDATION", "file: must not be empty");
  await assertFirmwareUploadable({ partnerId, modelId, input });
  const id = newPublicId("fw");
  const stored = await storeFirmware(id, request.body, maxBytes);
  try {
    await createFirmwareFile({ partnerId, modelId, input, actor: options.actor, id, ...stored });
  } catch (error) {
    await removeFirmware(id);
    throw error;
  }
  // A hub that is down does not fail the upload: telemetry answers tell the devices.
  const hub = getRunningHub();
  if (hub && !isPrerelease(input.version)) {
    announceFirmware(hub, modelId).catch((error: unknown) =>
      logger("device-conversation").warn({ err: error, modelId }, "firmware announcement failed"),
    );
  }
  return { id, version: input.version, ...stored };
}
