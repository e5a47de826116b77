// Adds a large demo fleet to the seeded demo partner (for screenshots and for
// trying the devices page at scale): npx tsx --conditions=react-server scripts/seed-fleet.ts [count] [models]
import { existsSync } from "node:fs";
import { DEMO_USER } from "../prisma/demo-user";

// The same .env as the portal, read before the database module is loaded.
if (existsSync(".env")) process.loadEnvFile(".env");
const { db } = await import("@/lib/server/database/db");
const { seedFleet } = await import("../prisma/fleet");

const count = Number(process.argv[2] ?? 100_000);
const models = Number(process.argv[3] ?? 20);
const user = await db.user.findUnique({
  where: { email: DEMO_USER.email },
  select: { id: true, members: { select: { organizationId: true } } },
});
const partnerId = user?.members[0]?.organizationId;
if (!user || !partnerId) throw new Error("Run `npm run db:seed` first: the demo partner does not exist.");
const t0 = performance.now();
await seedFleet({ partnerId, actor: { userId: user.id, label: DEMO_USER.email }, count, models });
console.log(`Seeded ${count} devices over ${models} models in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
