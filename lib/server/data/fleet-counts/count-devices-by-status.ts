import "server-only";
import type { DeviceStatus } from "@/lib/devices/device-status";
import type { ModelRule } from "../devices/device-list-where";
import { countStaleDevices } from "./count-stale-devices";
import { readDeviceStateCounts, type DeviceStateCount } from "./read-device-state-counts";

export type StatusCounts = Record<DeviceStatus, number>;

const noDevices = (): StatusCounts => ({ online: 0, offline: 0, never: 0, disabled: 0 });

/**
 * The partner's devices per model and status as of `now` (optionally only
 * one model's, or one firmware version's), exact, without reading devices:
 * the kept counts say how many are disabled, never seen, and seen with their
 * session up or down; of those up, the ones silent past their model's
 * threshold (counted from an index) are offline rather than online.
 */
export async function countDevicesByStatus(options: {
  partnerId: string;
  models: readonly ModelRule[];
  now: Date;
  modelId?: string;
  firmwareVersion?: string;
  /** false: only totals, disabled and never are wanted, so online and offline are not told apart (no index read). */
  splitOnline?: boolean;
  /** The kept counts, when the caller reads them for something else too (readDeviceStateCounts). */
  groups?: Promise<readonly DeviceStateCount[]>;
}): Promise<Map<string, StatusCounts>> {
  const models = options.modelId ? options.models.filter((m) => m.id === options.modelId) : options.models;
  const [groups, stale] = await Promise.all([
    options.groups ?? readDeviceStateCounts(options.partnerId),
    options.splitOnline === false
      ? new Map<string, number>()
      : countStaleDevices({ models, now: options.now, firmwareVersion: options.firmwareVersion }),
  ]);
  const rules = new Map(models.map((model) => [model.id, model]));
  const perModel = new Map(models.map((model) => [model.id, noDevices()]));
  for (const group of groups) {
    const rule = rules.get(group.modelId);
    const counts = perModel.get(group.modelId);
    // A model of another query's filter, or one deleted (its groups sum to 0).
    if (!rule || !counts) continue;
    if (options.firmwareVersion !== undefined && group.firmwareVersion !== options.firmwareVersion) continue;
    if (!group.isEnabled) counts.disabled += group.devices;
    else if (!group.isSeen) counts.never += group.devices;
    else if (group.isConnected || rule.communicationProtocol === "HTTP") counts.online += group.devices;
    else counts.offline += group.devices;
  }
  for (const [modelId, silent] of stale) {
    const counts = perModel.get(modelId);
    if (!counts) continue;
    counts.online -= silent;
    counts.offline += silent;
  }
  return perModel;
}

/** The sum of every model's counts. */
export function totalByStatus(perModel: ReadonlyMap<string, StatusCounts>): StatusCounts {
  const total = noDevices();
  for (const counts of perModel.values())
    for (const status of Object.keys(total) as DeviceStatus[]) total[status] += counts[status];
  return total;
}
