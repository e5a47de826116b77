"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { inviteMemberSchema } from "@/lib/schemas/members";
import { auth } from "../../auth/auth";
import { callAuth } from "../../auth/auth-errors";
import { recordMemberEvent } from "../../data/members/record-member-event";
import { invitationLink, sendInvitationMail } from "../../mail/invitation-mail";
import { isMailConfigured } from "../../mail/send-mail";
import { actorOf, requirePermission } from "../../auth/session";
import { partnerAction } from "../partner-action";
import { logger } from "@/lib/runtime/logger";

export type InvitationCreated = { link: string; isEmailed: boolean };

const run = partnerAction("member.manage", inviteMemberSchema, async ({ email, role }, viewer) => {
  if (role === "owner") requirePermission(viewer, "member.manageOwners");
  const invitation = await callAuth(async () =>
    auth.api.createInvitation({ body: { email, role, organizationId: viewer.partnerId }, headers: await headers() }),
  );
  await recordMemberEvent({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    action: "member.invited",
    targetType: "invitation",
    targetId: invitation.id,
    summary: `Invited ${email} as ${role}`,
  });
  let isEmailed = false;
  let mailError = "";
  if (isMailConfigured()) {
    const mail = { to: email, invitationId: invitation.id, role, expiresAt: new Date(invitation.expiresAt) };
    await sendInvitationMail({ ...mail, partnerName: viewer.partnerName, inviterName: viewer.userName }).then(
      () => (isEmailed = true),
      (error: unknown) => {
        logger("members").error({ err: error }, `Sending the invitation to ${email} failed`);
        mailError = " The email could not be sent; copy the link instead.";
      },
    );
  }
  revalidatePath("/members");
  const data: InvitationCreated = { link: invitationLink(invitation.id), isEmailed };
  const message = isEmailed ? `Invitation emailed to ${email}` : `Invitation for ${email} created.${mailError}`;
  return { ok: true, data, message };
});

/** Invites by email with a role; the link is returned to copy, and emailed when SMTP is configured. */
export async function inviteMemberAction(previous: ActionResult<InvitationCreated> | null, formData: FormData) {
  return run(previous, formData);
}
