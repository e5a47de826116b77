import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

// The C source, relative to the checkout the portal runs from (server.ts's folder).
const SOURCE = path.resolve("lib/hub/broker-plugin/partner-hub-plugin.c");

/**
 * The broker plugin (broker-plugin/partner-hub-plugin.c: it logs every CONNECT
 * attempt, and refuses old protocols and foreign client ids), compiled once
 * per version of its source into the system's temporary folder. Needs a C
 * compiler and Debian's mosquitto-dev (scripts/setup.sh installs both); null,
 * with the reason logged, when they are missing: the hub then runs without it,
 * and a refused device's history cannot say who was refused.
 */
export async function buildBrokerPlugin(log: (message: string) => void): Promise<string | null> {
  let source: Buffer;
  try {
    source = readFileSync(SOURCE);
  } catch {
    log(`broker plugin source not found at ${SOURCE}; running without it`);
    return null;
  }
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
  const dir = path.join(tmpdir(), "partner-hub");
  const target = path.join(dir, `mosquitto-plugin-${hash}.so`);
  if (existsSync(target)) return target;
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const building = `${target}.${process.pid}.tmp`;
  try {
    await run("cc", ["-shared", "-fPIC", "-O2", "-Wall", "-o", building, SOURCE], { timeout: 60_000 });
    renameSync(building, target);
    return target;
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.split("\n")[0] || (error as Error).message;
    log(
      `broker plugin not built (${reason}); refused connects will not name their device. Install a C compiler and mosquitto-dev (bash scripts/setup.sh does).`,
    );
    return null;
  }
}
