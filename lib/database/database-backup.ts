import { spawn } from "node:child_process";
import { accessSync, chmodSync, constants, copyFileSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { isPostgresUrl, protectDatabaseFiles, resolveDatabaseUrl } from "./database-url";

// Backups of the portal's database, taken while it runs. The database is all
// there is to back up: the embedded hub's files are rebuilt from it at every
// start (a device's broker password is stored with its row).
// - SQLite: `VACUUM INTO` writes a consistent copy from one read transaction;
//   in WAL mode the portal keeps writing meanwhile.
// - PostgreSQL: pg_dump's custom format, from one snapshot; pg_restore reads it.
// A backup holds session tokens and key hashes: it is written owner-only.

/** Writes a backup of the database at `url` to `file` (which must not exist). */
export async function backupDatabase(url: string, file: string): Promise<void> {
  if (existsSync(file)) throw new Error(`${file} exists already; choose a new file`);
  const resolved = resolveDatabaseUrl(url);
  if (isPostgresUrl(resolved)) {
    await runPostgresTool("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`], resolved);
  } else {
    const client = createClient({ url: resolved });
    try {
      await client.execute("PRAGMA busy_timeout=5000");
      await client.execute({ sql: "VACUUM INTO ?", args: [path.resolve(file)] });
    } finally {
      client.close();
    }
  }
  chmodSync(file, 0o600);
}

/**
 * Restores `file` into the database at `url`, replacing what is there. The
 * portal must be stopped (SQLite: the file is replaced under it); for
 * PostgreSQL the database must exist (createdb), empty or not.
 */
export async function restoreDatabase(file: string, url: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const resolved = resolveDatabaseUrl(url);
  if (isPostgresUrl(resolved)) {
    await runPostgresTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--exit-on-error", file], resolved);
    return;
  }
  if (!resolved.startsWith("file:")) throw new Error("only a local SQLite file (file:...) can be restored here");
  const target = path.resolve(resolved.slice("file:".length));
  // The old database's WAL would be replayed onto the restored file.
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(file, target);
  protectDatabaseFiles(resolved);
}

/**
 * Runs pg_dump or pg_restore against `url`; the password goes by PGPASSWORD,
 * not on the command line where `ps` would show it.
 */
function runPostgresTool(tool: "pg_dump" | "pg_restore", args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return new Promise((resolve, reject) => {
    const child = spawn(findPostgresTool(tool), [...args, `--dbname=${parsed.toString()}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ["ignore", "inherit", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${errors.trim()}`)),
    );
  });
}

/** The tool from PATH, else from the newest /usr/lib/postgresql/<major>/bin (Debian's server package). */
function findPostgresTool(tool: string): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [
    ...versions.map((version) => path.join(root, version, "bin", tool)),
    ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, tool)),
  ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // the next one
    }
  }
  throw new Error(`${tool} is not installed: install PostgreSQL's client tools (Debian: postgresql-client)`);
}
