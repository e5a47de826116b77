import { mkdirSync } from "node:fs";
import path from "node:path";
import { ownerOnlyFile, ownerOnlyFolder } from "../owner-only";

export const DEFAULT_DATABASE_URL = "file:data/partner-hub.db";

/** The local file of a file: URL, or undefined for in-memory, remote and PostgreSQL databases. */
export function localDatabaseFile(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const file = url.slice("file:".length);
  return file === ":memory:" ? undefined : path.resolve(file);
}

/**
 * The libSQL URL of the database. For a local file, makes sure its folder
 * exists (owner-only when new), because libSQL will not create it and the
 * first start would fail.
 */
export function resolveDatabaseUrl(url: string | undefined): string {
  const resolved = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE_URL;
  const file = localDatabaseFile(resolved);
  if (file) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return resolved;
}

/**
 * For a local SQLite database: its folder 0700 (when it is the portal's own)
 * and the database with its WAL, shared-memory and journal files 0600. A
 * missing database is created empty and 0600, so it never exists with the
 * umask's mode; SQLite gives the files it adds later the database's mode.
 */
export function protectDatabaseFiles(url: string | undefined): void {
  const file = localDatabaseFile(resolveDatabaseUrl(url));
  if (!file) return;
  ownerOnlyFolder(path.dirname(file));
  ownerOnlyFile(file, { create: true });
  for (const suffix of ["-wal", "-shm", "-journal"]) ownerOnlyFile(`${file}${suffix}`);
}

/** True for a PostgreSQL URL (postgres:// or postgresql://); anything else is libSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
