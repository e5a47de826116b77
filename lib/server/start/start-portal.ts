import "server-only";
import { logger } from "@/lib/runtime/logger";
import { env } from "@/lib/env";
import { startHub } from "@/lib/server/start/start-hub";
import { getRunningHub, stopRunningHub } from "@/lib/hub/registry";
import { onShutdown } from "@/lib/runtime/shutdown";
import { flushAuditEvents } from "../data/audit/audit-buffer";
import { flushTelemetry } from "../data/telemetry/telemetry-buffer";
import { flushHistory } from "../device-history/record-history";
import { flushHttpCalls } from "../device-history/record-http-call";
import { flushWebhookEvents } from "../data/webhooks/webhook-buffer";
import { startWebhookWorker } from "../webhooks/webhook-worker";
import { startHousekeeping } from "./housekeeping";
import { startRolloutRounds } from "../rollouts/advance-rollouts";
import { prepareDatabase } from "../database/db";
import { localDatabaseFile, resolveDatabaseUrl } from "@/lib/database/database-url";
import { startCheckpointer } from "../database/sqlite-checkpointer";
import { analyzeIfNeverAnalyzed } from "../database/planner-statistics";
import { watchPortal } from "./watch-portal";

/**
 * Everything the portal needs before serving: configuration, database and
 * MQTT hub. Without any of them it cannot work, so it says why in one line
 * and exits rather than serve errors.
 */
export async function startPortal(): Promise<void> {
  try {
    env();
    await prepareDatabase();
    // Stopped last (hooks run last registered first): the buffers' flushes still write.
    const file = localDatabaseFile(resolveDatabaseUrl(env().DATABASE_URL));
    if (file) onShutdown(startCheckpointer(file));
    await analyzeIfNeverAnalyzed();
    await startHub();
    watchPortal();
    // Run last registered first: the hub stops taking messages before the buffers are flushed.
    onShutdown(flushAuditEvents);
    // Stopped after the buffer is flushed (last registered runs first), so queued events are written, not sent.
    onShutdown(startWebhookWorker());
    onShutdown(flushWebhookEvents);
    onShutdown(flushTelemetry);
    onShutdown(async () => {
      flushHttpCalls(true);
      await flushHistory();
    });
    onShutdown(stopRunningHub);
    onShutdown(startHousekeeping());
    onShutdown(startRolloutRounds(() => getRunningHub() ?? null));
  } catch (error) {
    logger("portal").fatal(`Partner Hub cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
