import "server-only";
import { randomBytes } from "node:crypto";
import type { DeviceHub } from "@/lib/hub/hub";
import type { RegisterChildInput, RegisteredDevice } from "@/lib/schemas/device-registration";
import { db } from "../../database/db";
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
