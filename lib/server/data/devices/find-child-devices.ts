import "server-only";
import { db } from "../../database/db";

/** The devices that named this one their parent, oldest first (Xyte's Get Child Devices). */
export async function findChildDevices(parent: { id: string; partnerId: string }) {
  const rows = await db.device.findMany({
    where: { parentId: parent.id, partnerId: parent.partnerId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1_000,
    select: {
      id: true,
      sn: true,
      name: true,
      mac: true,
      modelId: true,
      firmwareVersion: true,
      isEnabled: true,
      isConnected: true,
      lastSeenAt: true,
      createdAt: true,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    sn: row.sn,
    name: row.name,
    mac: row.mac,
    model_id: row.modelId,
    firmware_version: row.firmwareVersion,
    is_enabled: row.isEnabled,
    is_connected: row.isConnected,
    last_seen_at: row.lastSeenAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  }));
}

/** What the device page shows of a gateway's children: how many, and the first few. */
export async function findChildSummary(options: { partnerId: string; deviceId: string }) {
  const where = { parentId: options.deviceId, partnerId: options.partnerId };
  const [count, first] = await Promise.all([
    db.device.count({ where }),
    db.device.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 5,
      select: { id: true, sn: true, name: true },
    }),
  ]);
  return { count, first };
}

/** The gateway a device named as its parent, if it is still one of the partner's devices. */
export function findParentDevice(options: { partnerId: string; parentId: string }) {
  return db.device.findFirst({
    where: { id: options.parentId, partnerId: options.partnerId },
    select: { id: true, sn: true, name: true },
  });
}
