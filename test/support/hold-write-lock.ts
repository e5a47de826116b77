import { spawn } from "node:child_process";

// Takes the database's write lock in another process (libSQL waits for a lock
// synchronously, so a holder in the test's own process would never let go),
// and commits after the given time or when released, whichever comes first.
const HOLDER = `
import { createClient } from "@libsql/client";
const [url, ms] = process.argv.slice(1);
const client = createClient({ url });
await client.execute("BEGIN IMMEDIATE");
await client.execute({ sql: 'INSERT INTO "RateLimit" ("key", "points") VALUES (?, 1)', args: ["lock-holder-" + process.pid] });
process.stdout.write("locked");
let isDone = false;
const commit = async () => {
  if (isDone) return;
  isDone = true;
  clearTimeout(timer);
  process.stdin.destroy();
  await client.execute("COMMIT");
  client.close();
};
const timer = setTimeout(commit, Number(ms));
process.stdin.once("data", commit);
`;

/**
 * Resolves once the lock is held; `release()` commits at once (a test that
 * must outlast a wait should release it, not race a timer against a loaded
 * machine); `released` resolves when the holder has committed and exited.
 */
export async function holdWriteLock(ms: number): Promise<{ released: Promise<void>; release: () => void }> {
  const holder = spawn(process.execPath, ["--input-type=module", "-e", HOLDER, process.env.DATABASE_URL!, String(ms)]);
  let errors = "";
  holder.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const released = new Promise<void>((resolve, reject) => {
    holder.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}: ${errors}`)),
    );
  });
  await Promise.race([new Promise((resolve) => holder.stdout.once("data", resolve)), released]);
  return { released, release: () => holder.stdin.end("commit") };
}
