import { chmodSync, closeSync, constants, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

// The portal's data (the SQLite database, the hub's password file) is for the
// portal's user alone: folders 0700, files 0600, also when they already exist
// with looser modes (made by an older version, by hand, or under another umask).

/**
 * True when the folder may be narrowed to 0700: the portal's user owns it and
 * it is not a shared place (the working directory, the home directory, the
 * root, or a sticky folder such as /tmp, where narrowing would lock others out).
 */
function isOwnFolder(dir: string): boolean {
  const resolved = path.resolve(dir);
  if ([process.cwd(), homedir(), path.parse(resolved).root].includes(resolved)) return false;
  const stat = statSync(resolved);
  return (
    stat.uid === process.getuid?.() && (stat.mode & constants.S_IFMT) === constants.S_IFDIR && !(stat.mode & 0o1000)
  );
}

/** Creates the folder (and any missing parents) as 0700, and narrows it to 0700 if it is the portal's own. */
export function ownerOnlyFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isOwnFolder(dir)) chmodSync(dir, 0o700);
}

/** Narrows an existing file to 0600; with `create`, makes a missing one empty and 0600. */
export function ownerOnlyFile(file: string, options: { create?: boolean } = {}): void {
  if (options.create) closeSync(openSync(file, "a", 0o600));
  try {
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Narrows every file directly in the folder to 0600 and every folder in it to 0700. */
export function ownerOnlyContents(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chmodSync(full, 0o700);
    else if (entry.isFile()) chmodSync(full, 0o600);
  }
}
