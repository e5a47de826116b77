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

/**
 * Writes a file that the broker may be reading, so it never sees half of it;
 * owner-only, and off the event loop (at 100,000 devices it is 12 MB).
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, file);
}
