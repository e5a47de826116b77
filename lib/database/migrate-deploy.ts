import { spawn } from "node:child_process";

// What `prisma migrate deploy` prints once every migration is committed.
const DONE = /All migrations have been successfully applied\.|No pending migrations to apply\./;

/**
 * Runs `prisma migrate deploy` on `env.DATABASE_URL` and resolves with its
 * output once it reports the schema up to date; rejects with the output when
 * it fails.
 *
 * On PostgreSQL the CLI's WebAssembly engine leaves a 10 s timer behind (the
 * advisory lock's timeout, never cleared), so the process outlives its work
 * by 10 s. Its "applied" line comes after the migrations are committed and
 * their lock released, so the process is stopped there instead of waited for.
 */
export function migrateDeploy(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const cli = spawn("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let done = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!done && DONE.test(output)) {
        done = true;
        cli.kill("SIGTERM");
      }
    };
    cli.stdout.on("data", collect);
    cli.stderr.on("data", collect);
    cli.once("error", reject);
    cli.once("close", (code) => {
      if (done || code === 0) resolve(output);
      else reject(new Error(`prisma migrate deploy exited with ${code}:\n${output}`));
    });
  });
}
