import "server-only";
import { watchConnectedDevices, watchQueueDepth } from "@/lib/runtime/metrics";
import { pendingAuditEventCount } from "../data/audit/audit-buffer";
import { countConnectedDevices } from "../data/devices/count-connected-devices";
import { pendingTelemetryCount } from "../data/telemetry/telemetry-buffer";
import { pendingHistoryCount } from "../device-history/record-history";

/** What /metrics reads at each scrape: the write-behind buffers' lengths and the connected devices. */
export function watchPortal(): void {
  watchQueueDepth("telemetry", pendingTelemetryCount);
  watchQueueDepth("device-history", pendingHistoryCount);
  watchQueueDepth("audit", pendingAuditEventCount);
  // From the database, where presence is kept: with several portal processes (EMQX), each reports the whole fleet.
  watchConnectedDevices(countConnectedDevices);
}
