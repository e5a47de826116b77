import "server-only";
import { isRole, type Role } from "@/lib/auth/policy";
import { db } from "../../database/db";

export type MemberRow = {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  /** When the member's newest session was last refreshed (better-auth refreshes it at most daily). */
  lastActiveAt: Date | null;
};

/** The partner's members, owners first, with their last activity. */
export async function findMembers(options: { partnerId: string }): Promise<MemberRow[]> {
  const members = await db.member.findMany({
    where: { organizationId: options.partnerId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          sessions: { orderBy: { updatedAt: "desc" }, take: 1, select: { updatedAt: true } },
        },
      },
    },
  });
  const rank = { owner: 0, admin: 1, developer: 2, viewer: 3 } as const;
  return members
    .map((m) => ({
      id: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: isRole(m.role) ? m.role : ("viewer" as const),
      joinedAt: m.createdAt,
      lastActiveAt: m.user.sessions[0]?.updatedAt ?? null,
    }))
    .sort((a, b) => rank[a.role] - rank[b.role]);
}

export type PendingInvitation = { id: string; email: string; role: Role; expiresAt: Date; inviterName: string };

/** Invitations still waiting to be accepted (not expired, not used, not canceled). */
export async function findPendingInvitations(options: { partnerId: string }): Promise<PendingInvitation[]> {
  const invitations = await db.invitation.findMany({
    where: { organizationId: options.partnerId, status: "pending", expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, user: { select: { name: true } } },
  });
  return invitations.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role && isRole(i.role) ? i.role : "viewer",
    expiresAt: i.expiresAt,
    inviterName: i.user.name,
  }));
}
