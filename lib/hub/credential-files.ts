import { open, rename } from "node:fs/promises";

/** The portal's own broker account: readiness probes, reload checks, telemetry. */
export const HUB_SUPERUSER = "partner-hub-portal";

/** The optional account a partner's backend uses to command devices (HUB_OPERATOR_PASSWORD). */
export const HUB_OPERATOR = "partner-hub-operator";

/** One password-file line, "<user>:<$7$ hash>\n", encoded once: a fleet's file is rewritten for every batch of changes. */
export function passwordLine(user: string, hash: string): Buffer {
  return Buffer.from(`${user}:${hash}\n`);
}

/**
 * Writes the password file: the portal's own accounts, then every admitted id
 * (devices, then pooled credentials). The lines are taken in one step, so the
 * file is one consistent view, and written as vectors: at 100,000 devices
 * (15 MB) joining them into one string blocked every request for ~130 ms.
 */
export function writePasswordFile(
  file: string,
  accounts: readonly Buffer[],
  admitted: ReadonlyArray<ReadonlyMap<string, Buffer>>,
): Promise<void> {
  const lines = [...accounts];
  for (const ids of admitted) for (const line of ids.values()) lines.push(line);
  return writeFileAtomic(file, lines);
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

let writes = 0; // a temporary name per write: the supervisor's and a batch's may overlap

/**
 * Writes a file that the broker may be reading, so it never sees half of it;
 * owner-only, and off the event loop (at 100,000 devices it is 15 MB). Given
 * buffers, it writes them as vectors, never joined into one.
 */
export async function writeFileAtomic(file: string, content: string | readonly Buffer[]): Promise<void> {
  const temporary = `${file}.${process.pid}.${++writes}.tmp`;
  const handle = await open(temporary, "w", 0o600);
  try {
    if (typeof content === "string") await handle.writeFile(content);
    else
      for (let start = 0; start < content.length; start += 1_024)
        await handle.writev(content.slice(start, start + 1_024));
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
