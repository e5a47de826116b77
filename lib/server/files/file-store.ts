import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, open as openFd, type ReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors";

// Files the portal keeps outside the database (firmware images, device
// dumps), named by their row's id under one folder. A new file is written to
// incoming/ while it is hashed, flushed to disk, then renamed into place in
// one step; only then is its row written. An append is flushed before its
// row grows, and cut back to where it began if it fails. A cut-off upload
// leaves at most a file in incoming/ (or bytes past the size its row says),
// which no row names.

const INCOMING = "incoming";

/** The most a write may add, and what the caller is told past it (a 413). */
export type ByteLimit = { maxBytes: number; message: string };

export type FileStore = ReturnType<typeof fileStore>;

/** Copies `body` into `file` from `start`, within `limit`; the bytes written. */
async function copyBody(
  file: FileHandle,
  body: ReadableStream<Uint8Array>,
  limit: ByteLimit,
  start: number,
  hash?: ReturnType<typeof createHash>,
): Promise<number> {
  const reader = body.getReader();
  let size = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const chunk = read.value;
      size += chunk.byteLength;
      if (size > limit.maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", limit.message);
      hash?.update(chunk);
      await file.write(chunk, 0, chunk.byteLength, start + size - chunk.byteLength);
    }
    // On disk before the caller's row says so, so a crash cannot leave a row naming bytes that are not there.
    await file.sync();
    return size;
  } catch (error) {
    // Stops the rest of the body (an oversized upload is not read to its end).
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}

/** The files under `dir()` (read when used, so the environment may change between tests). */
export function fileStore(dir: () => string) {
  const filePath = (id: string) => path.join(dir(), id);

  return {
    /**
     * Streams `body` into a new file `id`, hashing it on the way. Refuses an
     * empty body (422) and one over the limit (413) without keeping
     * anything; a body that fails midway (the client went away) keeps nothing.
     */
    write: async (id: string, body: ReadableStream<Uint8Array>, limit: ByteLimit, emptyMessage: string) => {
      const incoming = path.join(dir(), INCOMING, id);
      await mkdir(path.dirname(incoming), { recursive: true });
      const file = await open(incoming, "wx", 0o600);
      const hash = createHash("sha256");
      try {
        const size = await copyBody(file, body, limit, 0, hash);
        if (size === 0) throw new AppError("VALIDATION", emptyMessage);
        await file.close();
        await rename(incoming, filePath(id));
        return { sha256: hash.digest("hex"), size };
      } catch (error) {
        await file.close().catch(() => undefined);
        await rm(incoming, { force: true });
        throw error;
      }
    },

    /**
     * Appends `body` to file `id` from byte `at` (the size its row says);
     * on any failure the file is cut back to `at`, so nothing half-appended
     * is kept. The bytes added.
     */
    append: async (id: string, at: number, body: ReadableStream<Uint8Array>, limit: ByteLimit): Promise<number> => {
      const file = await open(filePath(id), "r+");
      try {
        // Bytes past `at` are an append a crash cut off before its row grew.
        await file.truncate(at);
        return await copyBody(file, body, limit, at);
      } catch (error) {
        await file.truncate(at).catch(() => undefined);
        throw error;
      } finally {
        await file.close().catch(() => undefined);
      }
    },

    /**
     * The bytes from `start` to `end` (inclusive), as a stream; opened before
     * it is returned, so a missing file fails here and not halfway through an
     * answer already begun.
     */
    read: async (id: string, range: { start: number; end: number }): Promise<ReadStream> => {
      const fd = await new Promise<number>((resolve, reject) =>
        openFd(filePath(id), "r", (error, opened) => (error ? reject(error) : resolve(opened))),
      );
      // A callback-style stream on the descriptor, as a plain file server reads
      // (a FileHandle's stream awaits a promise per chunk).
      return createReadStream("", { fd, ...range });
    },

    /** Removes a file; one already gone is not an error. */
    remove: async (id: string): Promise<void> => {
      await rm(filePath(id), { force: true });
    },

    /**
     * Removes what no row names: files whose row is gone (a crash between a
     * delete's commit and the file's removal, or rows deleted with their
     * owner) and uploads cut off by a crash. Only files older than `graceMs`
     * go, so an upload finishing meanwhile (renamed, its row not yet
     * committed) is kept.
     */
    sweep: async (isKnown: (ids: string[]) => Promise<Set<string>>, graceMs: number) => {
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
      const stale = await oldFiles(path.join(dir(), INCOMING));
      for (const name of stale) await rm(path.join(dir(), INCOMING, name), { force: true });
      const stored = await oldFiles(dir());
      const known = stored.length > 0 ? await isKnown(stored) : new Set<string>();
      const orphans = stored.filter((name) => !known.has(name));
      for (const name of orphans) await rm(filePath(name), { force: true });
      return { removed: stale.length + orphans.length };
    },
  };
}
