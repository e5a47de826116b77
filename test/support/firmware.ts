import type { Actor } from "@/lib/server/data/audit/record-audit-event";
import { createFirmwareFile } from "@/lib/server/data/firmware/create-firmware-file";
import { storeFirmware } from "@/lib/server/firmware/firmware-store";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";

/** A firmware file of the model, stored and listed as an upload leaves it; its id. */
export async function storedFirmware(options: {
  partnerId: string;
  actor: Actor;
  modelId: string;
  version: string;
  bytes?: number;
}): Promise<string> {
  const id = `fw_test_${Math.random().toString(36).slice(2, 12)}`;
  const stored = await storeFirmware(id, new Blob([Buffer.alloc(options.bytes ?? 4096, 7)]).stream(), 1 << 24);
  await createFirmwareFile({
    ...options,
    id,
    ...stored,
    input: firmwareUploadSchema.parse({ name: "Image", version: options.version }),
  });
  return id;
}
