import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { logger } from "@/lib/runtime/logger";

// In WAL mode SQLite copies the log back into the database file (a
// checkpoint) from inside whichever commit finds the log past its threshold,
// and that commit waits for the copy and its fsync. One registration writes
// ~100 KB of log (a page for each of Device's indexes and the search index),
// so at 1,000 pages the portal's thread stalled in a checkpoint every few
// dozen writes: a Device insert took 0.43-0.50 ms of wall time for 0.28 ms of
// CPU (docs/performance.md). The portal's connection therefore checkpoints
// only past a far higher bound (sqlite-adapter.ts), and a thread of its own,
// on its own connection, checkpoints every CHECKPOINT_EVERY_MS meanwhile. A
// PASSIVE checkpoint waits for no one: it copies what no reader still needs,
// while the portal goes on writing.
export const CHECKPOINT_EVERY_MS = 200;

// The thread's whole program: a connection and a timer. Run as given text so
// that it needs no file of its own next to Next.js's bundles.
const PROGRAM = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.libsql);
const db = new Database(workerData.file);
db.prepare("PRAGMA busy_timeout=5000").all();
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try {
    checkpoint.all();
  } catch (error) {
    parentPort.postMessage(String(error && error.message));
  }
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  process.exit(0);
});
`;

/**
 * Starts checkpointing the SQLite database `file` from a thread of its own;
 * the returned stop resolves once the thread has ended.
 * If the thread fails, the portal's connection still checkpoints by itself
 * past its own bound, so nothing grows without end.
 */
export function startCheckpointer(file: string): () => Promise<void> {
  const libsql = createRequire(path.join(process.cwd(), "package.json")).resolve("libsql");
  const worker = new Worker(PROGRAM, {
    eval: true,
    workerData: { file, libsql, everyMs: CHECKPOINT_EVERY_MS },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  let lastReport = 0;
  worker.on("message", (message: string) => {
    // At most a line a minute: a database that stays busy would otherwise fill the log.
    if (Date.now() - lastReport < 60_000) return;
    lastReport = Date.now();
    logger("database").warn(`checkpoint failed (the portal's own commits checkpoint meanwhile): ${message}`);
  });
  worker.on("error", (error) =>
    logger("database").error({ err: error }, "the checkpoint thread stopped; the portal's commits checkpoint instead"),
  );
  const ended = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return async () => {
    worker.postMessage("stop");
    await ended;
  };
}
