// Imported first: server actions run in Next.js's own request scope below.
import { inRequestScope } from "./support/request-scope";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/action-result";
import { env } from "@/lib/env";
import { db } from "@/lib/server/database/db";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { acceptInvitationAction } from "@/lib/server/actions/members/accept-invitation-action";
import { acceptInvitationWithSignUpAction } from "@/lib/server/actions/members/accept-invitation-sign-up-action";
import { changeMemberRoleAction } from "@/lib/server/actions/members/change-member-role-action";
import { inviteMemberAction, type InvitationCreated } from "@/lib/server/actions/members/invite-member-action";
import { leavePartnerAction } from "@/lib/server/actions/members/leave-partner-action";
import { removeMemberAction } from "@/lib/server/actions/members/remove-member-action";
import { switchPartnerAction } from "@/lib/server/actions/members/switch-partner-action";
import { viewerOf } from "@/lib/server/auth/session";
import { startSmtpSink } from "./support/smtp-sink";
import { makeTeam, signUp, type SignedIn, type Team } from "./support/team";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** Runs an action as the signed-in user (or signed out); a redirect counts as its success. */
async function as<T>(user: SignedIn | null, fn: () => Promise<T>): Promise<T | "redirected"> {
  const headers = user ? user.headers() : new Headers({ host: "portal.test" });
  return inRequestScope(headers, fn).catch((error: unknown) => {
    if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return "redirected" as const;
    throw error;
  });
}

async function invite(team: Team, by: SignedIn, email: string, role: string) {
  const result = await as(by, () => inviteMemberAction(null, form({ email, role })));
  if (result === "redirected" || !result.ok) throw new Error(`invite failed: ${JSON.stringify(result)}`);
  const id = decodeURIComponent(result.data.link.split("/invitations/")[1]!);
  return { ...result.data, id, team };
}

const newEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;
const memberOf = (partnerId: string, email: string) =>
  db.member.findFirst({ where: { organizationId: partnerId, user: { email } }, select: { id: true, role: true } });
const failure = (result: ActionResult<unknown> | "redirected") =>
  result === "redirected" || result.ok ? `unexpected success: ${JSON.stringify(result)}` : result.message;

describe("[TEAMS] invitations", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let team: Team;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    // As if the portal had started with SMTP_URL set: it sends through this real server.
    Object.assign(env(), { SMTP_URL: smtp.url });
    team = await makeTeam("Invite");
  });
  afterAll(() => smtp.stop());

  it("emails a single-use link that a new account accepts by signing up", async () => {
    const email = newEmail("new-dev");
    const created: InvitationCreated & { id: string } = await invite(team, team.members.owner, email, "developer");
    expect(created.isEmailed).toBe(true);

    const mail = await smtp.next(email);
    expect(mail.subject).toContain("Invite Devices");
    const link = /https?:\/\/\S+\/invitations\/\S+/.exec(mail.text)?.[0];
    expect(link).toBe(created.link);
    const expiresAt = (await db.invitation.findUniqueOrThrow({ where: { id: created.id } })).expiresAt;
    expect(Math.round((expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(env().INVITATION_EXPIRY_DAYS);

    const accepted = await as(null, () =>
      acceptInvitationWithSignUpAction(
        null,
        form({ invitationId: created.id, name: "Dana Developer", password: "correct-horse-battery" }),
      ),
    );
    expect(accepted).toBe("redirected");
    expect(await memberOf(team.partnerId, email)).toMatchObject({ role: "developer" });
    // The new account joined the inviting partner only.
    expect(await db.member.count({ where: { user: { email } } })).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { partnerId: team.partnerId, action: "member.joined" },
    });
    expect(audit.actorLabel).toBe(`Dana Developer <${email}>`);
    expect(audit.summary).toContain("joined as developer");

    // Used once: a second acceptance, by sign-up or by the member, is refused.
    const again = await as(null, () =>
      acceptInvitationWithSignUpAction(
        null,
        form({ invitationId: created.id, name: "Someone", password: "correct-horse-battery" }),
      ),
    );
    expect(failure(again)).toMatch(/no longer valid/);
  });

  it("an existing account accepts, then switches between its partners", async () => {
    const other = await signUp("Existing owner");
    const { id: ownPartner } = await createPartner({ name: "Own Partner", ownerUserId: other.userId });
    const { id } = await invite(team, team.members.admin, other.email, "viewer");

    expect(await as(other, () => acceptInvitationAction(null, form({ invitationId: id })))).toBe("redirected");
    expect(await memberOf(team.partnerId, other.email)).toMatchObject({ role: "viewer" });
    // Accepting made the new partner the session's active one.
    expect(await viewerOf(other.headers())).toMatchObject({ partnerId: team.partnerId, role: "viewer" });

    expect(await as(other, () => switchPartnerAction(null, form({ partnerId: ownPartner })))).toBe("redirected");
    expect(await viewerOf(other.headers())).toMatchObject({ partnerId: ownPartner, role: "owner" });
    // A partner the user does not belong to cannot be switched to.
    const stranger = await makeTeam("Stranger");
    const refused = await as(other, () => switchPartnerAction(null, form({ partnerId: stranger.partnerId })));
    expect(failure(refused)).toBeTruthy();
    expect(await viewerOf(other.headers())).toMatchObject({ partnerId: ownPartner });

    const reused = await as(other, () => acceptInvitationAction(null, form({ invitationId: id })));
    expect(failure(reused)).toMatch(/no longer valid/);
  });

  it("an expired link is refused", async () => {
    const email = newEmail("late");
    const { id } = await invite(team, team.members.owner, email, "developer");
    // Time passes: the invitation's expiry is now behind us.
    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const result = await as(null, () =>
      acceptInvitationWithSignUpAction(
        null,
        form({ invitationId: id, name: "Late", password: "correct-horse-battery" }),
      ),
    );
    expect(failure(result)).toMatch(/no longer valid/);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("an invitation for another email is refused to a signed-in account", async () => {
    const { id } = await invite(team, team.members.owner, newEmail("intended"), "admin");
    const wrong = await signUp("Wrong person");
    const result = await as(wrong, () => acceptInvitationAction(null, form({ invitationId: id })));
    expect(failure(result)).toMatch(/for another email address/);
    expect(await db.member.count({ where: { organizationId: team.partnerId, userId: wrong.userId } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("only owners invite owners or change an owner's role", async () => {
    const byAdmin = await as(team.members.admin, () =>
      inviteMemberAction(null, form({ email: newEmail("boss"), role: "owner" })),
    );
    expect(failure(byAdmin)).toMatch(/Your role \(admin\) cannot/);
    const ownerMember = (await memberOf(team.partnerId, team.members.owner.email))!;
    const demote = await as(team.members.admin, () =>
      changeMemberRoleAction(null, form({ memberId: ownerMember.id, role: "viewer" })),
    );
    expect(failure(demote)).toMatch(/Your role \(admin\) cannot/);
    expect(await memberOf(team.partnerId, team.members.owner.email)).toMatchObject({ role: "owner" });
  });

  it("the last owner can be neither demoted nor removed nor leave; with a second owner they can", async () => {
    const solo = await makeTeam("Solo");
    const owner = solo.members.owner;
    const ownerMember = (await memberOf(solo.partnerId, owner.email))!;
    const demote = await as(owner, () =>
      changeMemberRoleAction(null, form({ memberId: ownerMember.id, role: "admin" })),
    );
    expect(failure(demote)).toMatch(/last owner cannot be demoted/);
    expect(failure(await as(owner, () => leavePartnerAction()))).toMatch(/last owner cannot leave/);
    const remove = await as(owner, () => removeMemberAction(null, form({ memberId: ownerMember.id })));
    expect(failure(remove)).toMatch(/last owner cannot leave or be removed/);
    expect(await memberOf(solo.partnerId, owner.email)).toMatchObject({ role: "owner" });

    const adminMember = (await memberOf(solo.partnerId, solo.members.admin.email))!;
    const promoted = await as(owner, () =>
      changeMemberRoleAction(null, form({ memberId: adminMember.id, role: "owner" })),
    );
    expect(promoted).toMatchObject({ ok: true });
    expect(await as(owner, () => leavePartnerAction())).toBe("redirected");
    expect(await memberOf(solo.partnerId, owner.email)).toBeNull();

    const events = await db.auditEvent.findMany({
      where: { partnerId: solo.partnerId, targetType: "member" },
      orderBy: { createdAt: "asc" },
      select: { action: true, summary: true, actorLabel: true },
    });
    expect(events.map((e) => e.action)).toEqual(["member.role_changed", "member.left"]);
    expect(events[0]?.summary).toBe(`Changed Solo admin <${solo.members.admin.email}> from admin to owner`);
    expect(events[0]?.actorLabel).toBe(`Solo owner <${owner.email}>`);
  });

  it("an admin removes a developer, whose session then sees no partner", async () => {
    const devMember = (await memberOf(team.partnerId, team.members.developer.email))!;
    const removed = await as(team.members.admin, () => removeMemberAction(null, form({ memberId: devMember.id })));
    expect(removed).toMatchObject({ ok: true });
    expect(await viewerOf(team.members.developer.headers())).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { partnerId: team.partnerId, action: "member.removed" },
    });
    expect(audit.summary).toBe(`Removed Invite developer <${team.members.developer.email}> (developer)`);
  });
});
