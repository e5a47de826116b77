import { mkdirSync } from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:data/partner-hub.db";

/**
 * The libSQL URL of the database. For a local file, makes sure its folder
 * exists, because libSQL will not create it and the first start would fail.
 */
export function resolveDatabaseUrl(url: string | undefined): string {
  const resolved = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE_URL;
  if (resolved.startsWith("file:")) {
    const file = resolved.slice("file:".length);
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  return resolved;
}

/** True for a PostgreSQL URL (postgres:// or postgresql://); anything else is libSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
