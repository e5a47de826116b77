import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { logger } from "../runtime/logger";
import { setExportThreadHost, type ExportReply, type ExportRequest } from "./protocol";

// The CSV export of every device runs in a thread of its own. Prisma's query
// interpreter keeps each row it returns reachable from scopes that V8 treats
// as strong at a minor GC, so every exported row is promoted to the old
// generation and waits for a major GC. In the portal's heap (hundreds of MB
// at a large fleet) one export of 1,000,000 devices grew the process by
// 75–380 MB. The thread's own heap is small, so its major GCs come early
// and cost little, and its growth does not depend on the fleet's size; the
// portal's thread only passes the bytes on and keeps serving meanwhile
// (bench/devices-page.bench.ts at 1M: +30–69 MB; docs/deploy.md has more).
//
// In a script exporting 1,000,000 devices from PostgreSQL, the thread grew
// the process by 68–73 MB with an old generation limit of 64 or 128 MB, and
// at 32 MB it took 22 s instead of 13 (it collected all the time). 128 is a
// guard against a leak, not a working size.
const LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };
const ENTRY = fileURLToPath(new URL("./thread-boot.mjs", import.meta.url));

type Thread = {
  worker: Worker;
  waiting: Map<number, (reply: ExportReply) => void>;
  /** Why the thread is gone, once it is. */
  ended?: string;
};

/**
 * Starts the export thread and offers it to the export route. server.ts
 * calls it at start, so what the thread costs (its own heap, Prisma client
 * and database connection) is paid once, up front, not in the middle of a
 * partner's download. A thread that dies ends the exports in flight with an
 * error; the next export starts a new one. Returns the stop. (In
 * development too the thread runs the source as it was at start: restart
 * the portal to see a change to the export.)
 */
export function startExportThread(): () => Promise<void> {
  let thread = spawn();
  let lastId = 0;
  const exports = new Map<number, Thread>();
  setExportThreadHost({
    open(options) {
      if (thread.ended) thread = spawn();
      const id = ++lastId;
      exports.set(id, thread);
      thread.worker.postMessage({ kind: "open", id, ...options } satisfies ExportRequest);
      return id;
    },
    pull(id) {
      const owner = exports.get(id);
      return new Promise((resolve) => {
        if (!owner || owner.ended) {
          exports.delete(id);
          return resolve({ kind: "error", id, message: owner?.ended ?? "no such export" });
        }
        owner.waiting.set(id, (reply) => {
          if (reply.kind !== "chunk") exports.delete(id);
          resolve(reply);
        });
        owner.worker.ref();
        owner.worker.postMessage({ kind: "pull", id } satisfies ExportRequest);
      });
    },
    cancel(id) {
      const owner = exports.get(id);
      exports.delete(id);
      if (owner && !owner.ended) owner.worker.postMessage({ kind: "cancel", id } satisfies ExportRequest);
    },
  });
  return async () => {
    setExportThreadHost(undefined);
    await thread.worker.terminate();
  };
}

function spawn(): Thread {
  const worker = new Worker(ENTRY, {
    // The thread loads the portal's data functions, which are "server-only".
    execArgv: ["--conditions=react-server"],
    resourceLimits: LIMITS,
  });
  const thread: Thread = { worker, waiting: new Map() };
  const end = (why: string) => {
    thread.ended ??= why;
    for (const [id, resolve] of thread.waiting) resolve({ kind: "error", id, message: thread.ended });
    thread.waiting.clear();
  };
  worker.on("message", (reply: ExportReply) => {
    const resolve = thread.waiting.get(reply.id);
    thread.waiting.delete(reply.id);
    if (thread.waiting.size === 0) worker.unref();
    resolve?.(reply);
  });
  worker.on("error", (error) => {
    logger("export").error(`The export thread failed: ${error.message}`);
    end(`the export thread failed: ${error.message}`);
  });
  worker.on("exit", (code) => end(`the export thread stopped (exit code ${code})`));
  // Idle, it must not keep a process alive; a pull in flight refs it.
  worker.unref();
  return thread;
}
