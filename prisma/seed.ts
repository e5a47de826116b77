// Demo data for local use and tests: a partner, its owner and one model per
// protocol. Written through the same functions the portal uses, and safe to
// run twice (an existing demo user is left as it is).
import { auth } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/database/db";
import { createModel } from "@/lib/server/data/models/create-model";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { createModelSchema } from "@/lib/schemas/model";
import { DEMO_USER } from "./demo-user";

async function seed(): Promise<void> {
  const existing = await db.user.findUnique({ where: { email: DEMO_USER.email }, select: { id: true } });
  if (existing) {
    console.log(`Seed: ${DEMO_USER.email} already exists; nothing to do.`);
    return;
  }
  const { user } = await auth.api.signUpEmail({
    body: { name: DEMO_USER.name, email: DEMO_USER.email, password: DEMO_USER.password },
  });
  const partner = await createPartner({ name: DEMO_USER.partnerName, ownerUserId: user.id });
  const actor = { userId: user.id, label: DEMO_USER.email };
  const models = [
    {
      name: "Acme Thermostat T1",
      sku: "T1-EU",
      deviceType: "PHYSICAL",
      communicationProtocol: "MQTT",
      offlineThresholdMinutes: 5,
    },
    {
      name: "Acme Energy Meter M2",
      sku: "",
      deviceType: "PHYSICAL",
      communicationProtocol: "HTTP",
      offlineThresholdMinutes: 15,
    },
  ];
  for (const model of models) {
    await createModel({ partnerId: partner.id, actor, input: createModelSchema.parse(model) });
  }
  console.log(
    `Seed: created partner "${DEMO_USER.partnerName}"; sign in as ${DEMO_USER.email} / ${DEMO_USER.password}`,
  );
}

// PostgreSQL's connection pool would keep the process alive for its idle timeout.
await seed().finally(() => db.$disconnect());
