import "server-only";
import { parseVersionRange } from "@/lib/firmware/semver";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeFilters, rolloutFilters, serialList, type RolloutTarget } from "@/lib/schemas/rollout";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { deviceListWhere } from "../devices/device-list-where";

export type TargetDevice = { id: string; sn: string; firmwareVersion: string };

export type SelectedTarget = {
  devices: TargetDevice[];
  /** The choice in words, kept with the rollout. */
  description: string;
  /** Left out, and why: already on the file's version, disabled, serial numbers the model does not have. */
  skipped: { onVersion: number; disabled: number; unknownSerials: string[] };
};

/**
 * The devices a rollout of `version` would go to: the model's enabled
 * devices chosen by the target, less those already on that version.
 */
export async function selectRolloutTarget(options: {
  partnerId: string;
  target: RolloutTarget;
  version: string;
}): Promise<SelectedTarget> {
  const { partnerId, target, version } = options;
  const model = await db.deviceModel.findFirst({
    where: { id: target.modelId, partnerId },
    select: { id: true, communicationProtocol: true, offlineThresholdMinutes: true },
  });
  if (!model) throw new AppError("NOT_FOUND", "Model not found.");
  const serials = target.target === "serials" ? serialList(target.serials) : [];
  const filters = rolloutFilters(target);
  let where: Prisma.DeviceWhereInput = { modelId: model.id };
  if (serials.length > 0) where = { ...where, sn: { in: serials } };
  if (target.target === "filters") {
    // The device list's own where, so the target is what the list shows for these filters.
    const { q, status, firmware, hasOpenIncident } = filters;
    const query = { q, status, firmware, model: model.id, sort: "created_desc" as const };
    where = deviceListWhere(
      partnerId,
      { ...query, incident: hasOpenIncident ? "open" : undefined },
      [model],
      new Date(),
    );
  }
  const rows = await db.device.findMany({
    where,
    select: { id: true, sn: true, firmwareVersion: true, isEnabled: true },
  });
  const inRange = target.target === "versions" ? parseVersionRange(target.versionRange) : null;
  if (typeof inRange === "string") throw new AppError("VALIDATION", `versionRange: ${inRange}`);
  const chosen = inRange ? rows.filter((row) => inRange(row.firmwareVersion)) : rows;
  const known = new Set(rows.map((row) => row.sn));
  const devices: TargetDevice[] = [];
  let onVersion = 0;
  let disabled = 0;
  for (const row of chosen) {
    if (!row.isEnabled) disabled += 1;
    else if (row.firmwareVersion === version) onVersion += 1;
    else devices.push({ id: row.id, sn: row.sn, firmwareVersion: row.firmwareVersion });
  }
  const description =
    target.target === "all"
      ? "all devices of the model"
      : target.target === "versions"
        ? `devices on firmware ${target.versionRange.trim()}`
        : target.target === "filters"
          ? `devices matching the list's filters: ${describeFilters(filters)}`
          : `${serials.length.toLocaleString("en-US")} listed serial numbers`;
  return {
    devices,
    description,
    skipped: { onVersion, disabled, unknownSerials: serials.filter((serial) => !known.has(serial)) },
  };
}
