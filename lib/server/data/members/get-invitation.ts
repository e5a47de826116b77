import "server-only";
import { isRole, type Role } from "@/lib/auth/policy";
import { db } from "../../database/db";

export type InvitationView = {
  id: string;
  email: string;
  role: Role;
  partnerId: string;
  partnerName: string;
  inviterName: string;
  /** "pending" only while it can still be accepted. */
  state: "pending" | "expired" | "used";
};

/**
 * What an invitation link shows before it is accepted. The link's id is the
 * secret (better-auth's 32-character random id): whoever holds it may see
 * whom it invites to which partner, nothing more.
 */
export async function getInvitation(options: { invitationId: string }): Promise<InvitationView | null> {
  const invitation = await db.invitation.findUnique({
    where: { id: options.invitationId },
    select: {
      id: true,
      email: true,
      role: true,
      status: true,
      expiresAt: true,
      organization: { select: { id: true, name: true } },
      user: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  const state =
    invitation.status !== "pending" ? "used" : invitation.expiresAt <= new Date() ? "expired" : ("pending" as const);
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role && isRole(invitation.role) ? invitation.role : "viewer",
    partnerId: invitation.organization.id,
    partnerName: invitation.organization.name,
    inviterName: invitation.user.name,
    state,
  };
}
