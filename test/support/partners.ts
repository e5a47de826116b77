import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/database/db";
import { createModel } from "@/lib/server/data/models/create-model";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import type { Actor } from "@/lib/server/data/audit/record-audit-event";
import { createModelSchema, type CommunicationProtocol } from "@/lib/schemas/model";

/** A partner with an owner, made through the portal's own data functions. */
export async function makePartner(label = "Partner"): Promise<{ partnerId: string; actor: Actor }> {
  const userId = randomUUID();
  const email = `${label.toLowerCase()}-${userId.slice(0, 8)}@example.test`;
  await db.user.create({
    data: { id: userId, name: label, email, emailVerified: false, createdAt: new Date(), updatedAt: new Date() },
  });
  const { id } = await createPartner({ name: `${label} Devices`, ownerUserId: userId });
  return { partnerId: id, actor: { userId, label: email } };
}

export async function makeModel(
  partner: { partnerId: string; actor: Actor },
  fields: { name?: string; protocol?: CommunicationProtocol; offlineThresholdMinutes?: number } = {},
): Promise<string> {
  const input = createModelSchema.parse({
    name: fields.name ?? `Model ${randomUUID().slice(0, 8)}`,
    deviceType: "PHYSICAL",
    offlineThresholdMinutes: fields.offlineThresholdMinutes ?? 10,
    communicationProtocol: fields.protocol ?? "MQTT",
  });
  const { id } = await createModel({ ...partner, input });
  return id;
}
