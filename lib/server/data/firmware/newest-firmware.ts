import "server-only";
import { processState } from "@/lib/runtime/process-state";
import { TtlCache } from "@/lib/runtime/ttl-cache";
import { ACTIVE_ROLLOUT_STATUSES } from "@/lib/schemas/rollout";
import { db } from "../../database/db";

// Every telemetry answer names the model's newest released firmware
// (latest_fw_version, latest_fw_file_id). A file that an active rollout is
// still delivering is not it yet: devices the rollout has told get that file
// by name, the rest keep hearing of the previous release until the rollout
// completes, so the staging holds for firmware that acts on latest_fw_version.
// Fleets send telemetry every few seconds, so it is kept per model for 10 s;
// a change in this process takes effect at once, in another within the 10 s.

export type NewestFirmware = { id: string; version: string };

const cache = processState("newest-firmware", () => new TtlCache<{ newest: NewestFirmware | null }>(10_000));

/** The model's newest released file (pre-releases are for rollouts only), or null. */
export async function newestFirmware(modelId: string): Promise<NewestFirmware | null> {
  const entry = await cache.getOrLoad(modelId, async () => {
    const releases = await db.firmwareFile.findMany({
      where: { modelId, isPrerelease: false, rollouts: { none: { status: { in: [...ACTIVE_ROLLOUT_STATUSES] } } } },
      select: { id: true, version: true, versionKey: true, createdAt: true },
    });
    let newest: (typeof releases)[number] | undefined;
    for (const file of releases) {
      if (
        !newest ||
        file.versionKey > newest.versionKey ||
        (file.versionKey === newest.versionKey && file.createdAt > newest.createdAt)
      )
        newest = file;
    }
    return { newest: newest ? { id: newest.id, version: newest.version } : null };
  });
  return entry?.newest ?? null;
}

/** Forgets a model's newest file after an upload, a delete, or a rollout starting or ending in this process. */
export function forgetNewestFirmware(modelId: string): void {
  cache.delete(modelId);
}
