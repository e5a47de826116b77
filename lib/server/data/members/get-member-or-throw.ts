import "server-only";
import { isRole, type Role } from "@/lib/auth/policy";
import { db } from "../../database/db";
import { AppError } from "../../errors";

/** One member of the partner, or NOT_FOUND (also for another partner's member). */
export async function getMemberOrThrow(options: {
  partnerId: string;
  memberId: string;
}): Promise<{ id: string; userId: string; name: string; email: string; role: Role }> {
  const member = await db.member.findFirst({
    where: { id: options.memberId, organizationId: options.partnerId },
    select: { id: true, role: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!member) throw new AppError("NOT_FOUND", "That member is no longer in this partner.");
  return {
    id: member.id,
    userId: member.user.id,
    name: member.user.name,
    email: member.user.email,
    role: isRole(member.role) ? member.role : "viewer",
  };
}
