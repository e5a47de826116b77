import { renameSync, writeFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";

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

/** Writes a file that the broker may be reading, so it never sees half of it. Owner-only. */
export function writeFileAtomic(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, file);
}

export async function writeFileAtomicAsync(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.async.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, file);
}
