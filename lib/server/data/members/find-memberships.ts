import "server-only";
import { db } from "../../database/db";

/** The partners a user belongs to, oldest membership first, with the user's role in each (as stored). */
export async function findMemberships(options: {
  userId: string;
}): Promise<{ partnerId: string; name: string; role: string }[]> {
  const memberships = await db.member.findMany({
    where: { userId: options.userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, organization: { select: { id: true, name: true } } },
  });
  return memberships.map((m) => ({ partnerId: m.organization.id, name: m.organization.name, role: m.role }));
}
