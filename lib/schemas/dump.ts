import { z } from "zod";

// Dumps (Xyte): a device uploads a file, a log or a core dump, with
// POST /v1/devices/{id}/dumps/{mime_type}/{filename} and the raw bytes as
// the body, and appends to it with PUT /v1/devices/{id}/dumps/{dump_id}.

/** "text/plain", "application/octet-stream": a type and subtype of MIME's token characters. */
export const dumpMimeType = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/,
    "mime_type: must be a MIME type like text/plain (send its / as %2F)",
  )
  .transform((value) => value.toLowerCase());

/** A file name as the device gives it: shown and offered as the download's name, never a path. */
export const dumpFileName = z
  .string()
  .min(1, "filename: must not be empty")
  .max(200, "filename: must be at most 200 characters")
  .refine(
    // eslint-disable-next-line no-control-regex -- matching them is the point
    (value) => !/[\u0000-\u001f\u007f/\\"]/.test(value),
    'filename: must not contain /, \\, " or control characters',
  )
  .refine((value) => value !== "." && value !== "..", "filename: must be a file name");

/** A dump as the device API and the management API give it. */
export type DumpAnswer = {
  id: string;
  dump_id: string;
  device_id: string;
  filename: string;
  mime_type: string;
  size: number;
  created_at: string;
  updated_at: string;
};

export const deleteDumpSchema = z.object({ dumpId: z.string().min(1, "Dump is required") });
