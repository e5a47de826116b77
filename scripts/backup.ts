// Backs up the portal's database while it runs, or restores a backup:
//   npm run backup                         -> backups/partner-hub-<time>.db (SQLite) or .dump (PostgreSQL)
//   npm run backup -- <file>               -> that file
//   npm run backup -- --restore <file>     -> replaces DATABASE_URL's contents (stop the portal first)
// The embedded hub's files need no backup: the portal rebuilds them from the database when it starts.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { backupDatabase, restoreDatabase } from "../lib/database/database-backup";
import { DEFAULT_DATABASE_URL, isPostgresUrl } from "../lib/database/database-url";

if (existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
const args = process.argv.slice(2);
// Backups hold session tokens and key hashes: owner-only, like the database.
process.umask(0o077);

try {
  if (args[0] === "--restore") {
    const file = args[1];
    if (!file) throw new Error("usage: npm run backup -- --restore <file>");
    const startedAt = performance.now();
    await restoreDatabase(file, url);
    console.log(`Restored ${file} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s; start the portal.`);
  } else {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = args[0] ?? path.join("backups", `partner-hub-${stamp}.${isPostgresUrl(url) ? "dump" : "db"}`);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    const startedAt = performance.now();
    await backupDatabase(url, file);
    console.log(`Backed up to ${file} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
