import { z } from "zod";
import { firmwareVersion, text } from "./device-registration";

/** Free text a member writes (notes): newlines allowed, other control characters not. */
const notes = z
  .string({ error: "must be a string" })
  .trim()
  .max(2_000, "must be at most 2,000 characters")
  // eslint-disable-next-line no-control-regex -- matching them is the point
  .refine((value) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value), "must not contain control characters")
  .transform((value) => value || null);

/**
 * What an upload says of its file (the query string of
 * POST /api/models/{id}/firmware; the body is the file itself). A version is
 * uploaded once per model and file type.
 */
export const firmwareUploadSchema = z.object({
  name: z.string({ error: "is required" }).pipe(text(120)),
  fileType: z
    .string({ error: "must be a string" })
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be lowercase letters, digits, - or _ (at most 40), like firmware")
    .default("firmware"),
  version: z.string({ error: "is required" }).pipe(firmwareVersion),
  notes: notes.optional().transform((value) => value ?? null),
  publicNotes: notes.optional().transform((value) => value ?? null),
});
export type FirmwareUpload = z.output<typeof firmwareUploadSchema>;

/** A file as the device API gives it (Xyte's model file, with its SHA-256 and size added). */
export type DeviceFileAnswer = {
  id: string;
  name: string;
  url: string;
  desc: string | null;
  file_type: string;
  version: string;
  created_at: string;
  public_notes: string | null;
  /** Hex SHA-256, also Xyte's `checksum`. */
  checksum: string;
  sha256: string;
  size: number;
};

export const deleteFirmwareFileSchema = z.object({
  fileId: z.string().min(1, "File is required"),
});
