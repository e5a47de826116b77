import "server-only";
import { db } from "../../database/db";

/** The device's place in its latest rollouts, newest first: where each update got to, and why it failed. */
export async function findDeviceUpdates(deviceId: string) {
  const rows = await db.rolloutDevice.findMany({
    where: { deviceId },
    orderBy: { rollout: { createdAt: "desc" } },
    take: 5,
    select: {
      rolloutId: true,
      state: true,
      failure: true,
      attempts: true,
      updatedAt: true,
      rollout: { select: { status: true, file: { select: { version: true } } } },
    },
  });
  return rows.map((row) => ({
    rolloutId: row.rolloutId,
    version: row.rollout.file.version,
    rolloutStatus: row.rollout.status,
    state: row.state,
    failure: row.failure,
    attempts: row.attempts,
    updatedAt: row.updatedAt.toISOString(),
  }));
}
