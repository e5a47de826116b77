import { rename, writeFile } from "node:fs/promises";

/** The portal's own broker account: readiness probes, reload checks, telemetry. */
export const HUB_SUPERUSER = "partner-hub-portal";

/** The optional account a partner's backend uses to command devices (HUB_OPERATOR_PASSWORD). */
export const HUB_OPERATOR = "partner-hub-operator";

/** One line per admitted id (devices, then pooled credentials); the portal's own accounts first. */
export function renderPasswordFile(admitted: ReadonlyArray<ReadonlyMap<string, string>>, superuserHash: string, operatorHash?: string): string {
  const lines = [`${HUB_SUPERUSER}:${superuserHash}`, ...(operatorHash ? [`${HUB_OPERATOR}:${operatorHash}`] : [])];
  for (const ids of admitted) for (const [id, hash] of ids) lines.push(`${id}:${hash}`);
  return lines.join("\n") + "\n";
}

// %u is the username, which is the device id: each device gets its own prefix
// and nothing else (not other devices, not $SYS). The operator gets every
// device's topics and nothing of the portal's own.
export function renderAclFile(): string {
  return [
    `user ${HUB_SUPERUSER}`,
    "topic readwrite #",
    "",
    `user ${HUB_OPERATOR}`,
    "topic readwrite v1/device/#",
    "",
    "pattern readwrite v1/device/%u/#",
    "",
  ].join("\n");
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
