import "server-only";
import { watchConnectedDevices, watchQueueDepth } from "@/lib/metrics";
import { pendingAuditEventCount } from "./data/audit/audit-buffer";
import { pendingTelemetryCount } from "./data/telemetry/telemetry-buffer";
import { pendingHistoryCount } from "./device-history/record-history";
import { db } from "./db";

/** What /metrics reads at each scrape: the write-behind buffers' lengths and the connected devices. */
export function watchPortal(): void {
  watchQueueDepth("telemetry", pendingTelemetryCount);
  watchQueueDepth("device-history", pendingHistoryCount);
  watchQueueDepth("audit", pendingAuditEventCount);
  // From the database, where presence is kept: with several portal processes (EMQX), each reports the whole fleet.
  watchConnectedDevices(() => db.device.count({ where: { isConnected: true } }));
}
