import "server-only";
import { env } from "@/lib/env";
import { startHub } from "@/lib/hub/start-hub";
import { stopRunningHub } from "@/lib/hub/registry";
import { onShutdown } from "@/lib/shutdown";
import { flushAuditEvents } from "./data/audit/audit-buffer";
import { prepareDatabase } from "./db";

/**
 * Everything the portal needs before serving: configuration, database and
 * MQTT hub. Without any of them it cannot work, so it says why in one line
 * and exits rather than serve errors.
 */
export async function startPortal(): Promise<void> {
  try {
    env();
    await prepareDatabase();
    await startHub();
    onShutdown(stopRunningHub);
    onShutdown(flushAuditEvents);
  } catch (error) {
    console.error(`Partner Hub cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
