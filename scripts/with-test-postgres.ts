// Runs a command with a PostgreSQL server for the tests and benchmarks:
//   tsx scripts/with-test-postgres.ts <command> [args...]
// With TEST_POSTGRES_URL set, that server is used as it is. Without it, a
// throw-away cluster is made from Debian's postgresql binaries in the system's
// temporary folder on a free loopback port, passed on as TEST_POSTGRES_URL,
// and removed afterwards, so `npm test` needs no server started by hand. initdb
// refuses to run as root: then the cluster runs as the postgres user, which is
// why it is not under the checkout (/root is 0700 on Debian).
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../test/support/free-port";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx scripts/with-test-postgres.ts <command> [args...]");
  process.exit(2);
}

/** The newest installed PostgreSQL's bin directory (Debian and Ubuntu: /usr/lib/postgresql/<major>/bin). */
function findBinDir(): string {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root)
    ? readdirSync(root).filter((name) => existsSync(path.join(root, name, "bin", "initdb")))
    : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    console.error(
      "The tests need PostgreSQL's server binaries: install Debian's postgresql package (bash scripts/setup.sh does), or set TEST_POSTGRES_URL to a server of your own.",
    );
    process.exit(1);
  }
  return path.join(root, newest, "bin");
}

type Cluster = { url: string; stop: () => void };

async function startCluster(): Promise<Cluster> {
  const bin = findBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), "partner-hub-postgres-"));
  const port = await freePort();
  // initdb refuses to run as root; the package's own user owns a root's cluster.
  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }) : null;
  if (owner && owner.status !== 0) {
    console.error(
      "Running as root, the test cluster needs the postgres user that Debian's postgresql package creates.",
    );
    process.exit(1);
  }
  if (owner)
    chownSync(
      dir,
      Number(owner.stdout.trim()),
      Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim()),
    );
  const run = (tool: string, toolArgs: string[]) => {
    const full = isRoot
      ? (["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...toolArgs]] as const)
      : ([path.join(bin, tool), toolArgs] as const);
    const result = spawnSync(full[0], full[1], { encoding: "utf8", cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  const data = path.join(dir, "data");
  try {
    run("initdb", ["-D", data, "-U", "partner_hub", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    // Durability is worthless for a throw-away cluster; these make it several times faster.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let isStopped = false;
  return {
    url: `postgresql://partner_hub:partner_hub@127.0.0.1:${port}/postgres`,
    stop: () => {
      if (isStopped) return;
      isStopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const cluster = process.env.TEST_POSTGRES_URL ? null : await startCluster();
const child = spawn(command, args, {
  stdio: "inherit",
  env: cluster ? { ...process.env, TEST_POSTGRES_URL: cluster.url } : process.env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  cluster?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
