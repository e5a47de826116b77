import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { fileStore } from "../files/file-store";

// Firmware bytes live as files named by their id under FIRMWARE_DIR
// (../files/file-store.ts says how a write stays whole).

const store = fileStore(() => path.resolve(env().FIRMWARE_DIR));

export type StoredFirmware = { sha256: string; size: number };

/** Streams an upload into the store as `id`: 413 past `maxBytes`, 422 when empty, nothing kept either way. */
export const storeFirmware = (
  id: string,
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<StoredFirmware> =>
  store.write(
    id,
    body,
    { maxBytes, message: `file: must be at most ${Math.floor(maxBytes / 1024 / 1024)} MB` },
    "file: must not be empty",
  );

export const readFirmware = store.read;
export const removeFirmware = store.remove;
export const sweepFirmwareStore = store.sweep;
