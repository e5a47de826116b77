import "server-only";
import { db } from "../../db";

/** The partners a user belongs to, for the header's switcher. */
export async function findMemberships(options: { userId: string }): Promise<{ partnerId: string; name: string }[]> {
  const memberships = await db.member.findMany({
    where: { userId: options.userId },
    orderBy: { createdAt: "asc" },
    select: { organization: { select: { id: true, name: true } } },
  });
  return memberships.map((m) => ({ partnerId: m.organization.id, name: m.organization.name }));
}
