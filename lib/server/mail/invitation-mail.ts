import "server-only";
import type { Role } from "@/lib/auth/policy";
import { portalLink, sendMail } from "./send-mail";

/** The link an invitee opens; the invitation's id is its secret. */
export const invitationLink = (invitationId: string): string =>
  portalLink(`/invitations/${encodeURIComponent(invitationId)}`);

/** Emails the invitation link. */
export async function sendInvitationMail(options: {
  to: string;
  invitationId: string;
  partnerName: string;
  inviterName: string;
  role: Role;
  expiresAt: Date;
}): Promise<void> {
  const link = invitationLink(options.invitationId);
  await sendMail({
    to: options.to,
    subject: `${options.inviterName} invited you to ${options.partnerName} on Partner Hub`,
    text: [
      `${options.inviterName} invited you to join ${options.partnerName} on Partner Hub as ${options.role}.`,
      "",
      `Accept the invitation: ${link}`,
      "",
      `The link works once and expires on ${options.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      "If you did not expect it, ignore this message.",
    ].join("\n"),
  });
}
