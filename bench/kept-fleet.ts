// The large fleet the fleet benchmarks share. Seeding a million devices takes
// minutes, so bench/run.ts gives these benchmarks a database it keeps between
// runs, and the fleet is seeded there once: a partner named after the fleet's
// size, with a member who signs in with a fixed password. A seed cut short
// (fewer devices than asked) is removed and done again.
import { auth } from "@/lib/server/auth/auth";
import { db, prepareDatabase } from "@/lib/server/database/db";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { findModelRules } from "@/lib/server/data/devices/list-devices";
import { seedFleet } from "../prisma/fleet";

export const FLEET_PASSWORD = "bench-password-123";

export type KeptFleet = {
  partnerId: string;
  email: string;
  modelIds: string[];
  /** How long this run spent seeding, or null when the fleet was already there. */
  seedMs: number | null;
};

export async function keptFleet(options: { devices: number; models: number }): Promise<KeptFleet> {
  await prepareDatabase();
  const { devices, models } = options;
  const name = `Fleet bench ${devices} x ${models}`;
  const email = `fleet-${devices}-${models}@example.test`;
  const existing = await db.organization.findFirst({ where: { name }, select: { id: true } });
  if (existing) {
    if ((await db.device.count({ where: { partnerId: existing.id } })) === devices) {
      const modelIds = (await findModelRules(existing.id)).map((model) => model.id);
      return { partnerId: existing.id, email, modelIds, seedMs: null };
    }
    await db.organization.delete({ where: { id: existing.id } });
  }
  const user =
    (await db.user.findUnique({ where: { email }, select: { id: true } })) ??
    (await auth.api.signUpEmail({ body: { name: "Fleet bench", email, password: FLEET_PASSWORD } })).user;
  const partner = await createPartner({ name, ownerUserId: user.id });
  const t0 = performance.now();
  const { modelIds } = await seedFleet({
    partnerId: partner.id,
    actor: { userId: user.id, label: email },
    count: devices,
    models,
    onProgress: (done) => process.stdout.write(`\r  seeding ${done.toLocaleString("en-US")} / ${devices}`),
  });
  const seedMs = performance.now() - t0;
  process.stdout.write("\n");
  return { partnerId: partner.id, email, modelIds, seedMs };
}
