import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, open as openFd, type ReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { AppError } from "../errors";

// Firmware bytes live as files named by their id under FIRMWARE_DIR. An
// upload is written to incoming/ while it is hashed, flushed to disk, then
// renamed into place in one step; only then is its row written. A cut-off
// upload leaves at most a file in incoming/, which no row names.

const INCOMING = "incoming";

const storeDir = () => path.resolve(env().FIRMWARE_DIR);
const filePath = (id: string) => path.join(storeDir(), id);

export type StoredFirmware = { sha256: string; size: number };

/**
 * Streams `body` into the store as `id`, hashing it on the way. Refuses an
 * empty body (422) and one over `maxBytes` (413) without keeping anything; a
 * body that fails midway (the client went away) throws and keeps nothing.
 */
export async function storeFirmware(
  id: string,
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<StoredFirmware> {
  const incoming = path.join(storeDir(), INCOMING, id);
  await mkdir(path.dirname(incoming), { recursive: true });
  const file = await open(incoming, "wx", 0o600);
  const hash = createHash("sha256");
  let size = 0;
  const reader = body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const chunk = read.value;
      size += chunk.byteLength;
      if (size > maxBytes) {
        throw new AppError("PAYLOAD_TOO_LARGE", `file: must be at most ${Math.floor(maxBytes / 1024 / 1024)} MB`);
      }
      hash.update(chunk);
      await file.write(chunk);
    }
    if (size === 0) throw new AppError("VALIDATION", "file: must not be empty");
    // On disk before the rename, so a crash cannot leave a named file with fewer bytes than its row says.
    await file.sync();
    await file.close();
    await rename(incoming, filePath(id));
    return { sha256: hash.digest("hex"), size };
  } catch (error) {
    // Stops the rest of the body (an oversized upload is not read to its end).
    await reader.cancel().catch(() => undefined);
    await file.close().catch(() => undefined);
    await rm(incoming, { force: true });
    throw error;
  }
}

/**
 * The bytes of a stored file from `start` to `end` (inclusive), as a stream;
 * opened before it is returned, so a missing file fails here and not halfway
 * through an answer already begun.
 */
export async function readFirmware(id: string, range: { start: number; end: number }): Promise<ReadStream> {
  const fd = await new Promise<number>((resolve, reject) =>
    openFd(filePath(id), "r", (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  // A callback-style stream on the descriptor, as a plain file server reads
  // (a FileHandle's stream awaits a promise per chunk).
  return createReadStream("", { fd, ...range });
}

/** Removes a stored file; one already gone is not an error. */
export async function removeFirmware(id: string): Promise<void> {
  await rm(filePath(id), { force: true });
}

/**
 * Removes what no row names: files whose row is gone (a crash between a
 * delete's commit and the file's removal, or a model deleted with its files)
 * and uploads cut off by a crash. Only files older than `graceMs` go, so an
 * upload finishing meanwhile (renamed, its row not yet committed) is kept.
 */
export async function sweepFirmwareStore(isKnown: (ids: string[]) => Promise<Set<string>>, graceMs: number) {
  const dir = storeDir();
  const cutoff = Date.now() - graceMs;
  const oldFiles = async (folder: string) => {
    const names = await readdir(folder).catch(() => [] as string[]);
    const old: string[] = [];
    for (const name of names) {
      if (name === INCOMING) continue;
      const stats = await stat(path.join(folder, name)).catch(() => null);
      if (stats?.isFile() && stats.mtimeMs < cutoff) old.push(name);
    }
    return old;
  };
  const stale = await oldFiles(path.join(dir, INCOMING));
  for (const name of stale) await rm(path.join(dir, INCOMING, name), { force: true });
  const stored = await oldFiles(dir);
  const known = stored.length > 0 ? await isKnown(stored) : new Set<string>();
  const orphans = stored.filter((name) => !known.has(name));
  for (const name of orphans) await removeFirmware(name);
  return { removed: stale.length + orphans.length };
}
