import { chownSync, readFileSync, renameSync, writeFileSync } from "node:fs";

/** The portal's own broker account: readiness probes, reload checks, telemetry. */
export const HUB_SUPERUSER = "partner-hub-portal";

/** One line per admitted device; the superuser first. */
export function renderPasswordFile(devices: ReadonlyMap<string, string>, superuserHash: string): string {
  const lines = [`${HUB_SUPERUSER}:${superuserHash}`];
  for (const [id, hash] of devices) lines.push(`${id}:${hash}`);
  return lines.join("\n") + "\n";
}

// %u is the username, which is the device id: each device gets its own prefix
// and nothing else (not other devices, not $SYS).
export function renderAclFile(): string {
  return [`user ${HUB_SUPERUSER}`, "topic readwrite #", "", "pattern readwrite v1/device/%u/#", ""].join("\n");
}

export type FileOwner = { uid: number; gid: number } | null;

/** Writes a file that the broker may be reading, so it never sees half of it. */
export function writeFileAtomic(file: string, content: string, owner: FileOwner): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  if (owner) chownSync(temporary, owner.uid, owner.gid);
  renameSync(temporary, file);
}

/** The uid/gid of a system user (e.g. "mosquitto"), or null if there is none. */
export function lookUpUser(name: string): FileOwner {
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const [user, , uid, gid] = line.split(":");
      if (user === name && uid && gid) return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // No /etc/passwd: not a system where the broker changes user.
  }
  return null;
}
