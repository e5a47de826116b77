import "server-only";
import { randomBytes } from "node:crypto";
import type { DeviceHub } from "@/lib/hub/hub";
import type { RegisterChildInput, RegisteredDevice } from "@/lib/schemas/device-registration";
import { db } from "../../db";
import { AppError } from "../../errors";
import { storeNewDevice } from "./register-device";

/**
 * A gateway registers a device behind it (Xyte's Register Child Device): a
 * device of one of its partner's models, its parent the gateway, audited as
 * the gateway. The child then calls with its own id and access key.
 */
export async function registerChildDevice(options: {
  parent: { id: string; partnerId: string; sn: string };
  input: RegisterChildInput;
  hub: DeviceHub;
  ip: string | null;
}): Promise<RegisteredDevice> {
  const { parent, input } = options;
  const model = await db.deviceModel.findFirst({
    where: { id: input.model_id, partnerId: parent.partnerId },
    select: { id: true, partnerId: true, communicationProtocol: true, defaultConfig: true },
  });
  // Another partner's model is as unknown as a made-up id.
  if (!model) throw new AppError("VALIDATION", "model_id: no such model for this partner");
  const { model_id: _model, ...device } = input;
  return storeNewDevice({
    model,
    hardwareKeyId: null,
    parentId: parent.id,
    input: { ...device, sn: input.sn ?? `${parent.sn.slice(0, 100)}-child-${randomBytes(4).toString("hex")}` },
    hub: options.hub,
    actor: { userId: null, label: `gateway ${parent.sn}`, ip: options.ip },
  });
}

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
