import { randomUUID } from "node:crypto";
import { ROLES, type Role } from "@/lib/auth/policy";
import { auth } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/database/db";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import type { Actor } from "@/lib/server/data/audit/record-audit-event";
import { newId } from "@/lib/server/ids";

export type SignedIn = { userId: string; email: string; name: string; cookie: string; headers: () => Headers };

/** The request's Cookie header from a response's Set-Cookie headers. */
export const cookieFrom = (response: Headers): string =>
  response
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

/** A new account, signed up through better-auth as the sign-up page does, with its session cookie. */
export async function signUp(name: string): Promise<SignedIn> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 8)}@example.test`;
  const { headers, response } = await auth.api.signUpEmail({
    body: { name, email, password: "correct-horse-battery" },
    returnHeaders: true,
  });
  const cookie = cookieFrom(headers);
  return {
    userId: response.user.id,
    email,
    name,
    cookie,
    headers: () => new Headers({ cookie, host: "portal.test" }),
  };
}

export type Team = { partnerId: string; actor: Actor; members: Record<Role, SignedIn> };

/** A partner with one signed-in member of each role; the owner made it at sign-up. */
export async function makeTeam(label = "Team"): Promise<Team> {
  const owner = await signUp(`${label} owner`);
  const { id: partnerId } = await createPartner({ name: `${label} Devices`, ownerUserId: owner.userId });
  const members = { owner } as Record<Role, SignedIn>;
  for (const role of ROLES.filter((r) => r !== "owner")) {
    members[role] = await signUp(`${label} ${role}`);
    await db.member.create({
      data: { id: newId(), organizationId: partnerId, userId: members[role].userId, role, createdAt: new Date() },
    });
  }
  return { partnerId, actor: { userId: owner.userId, label: owner.email }, members };
}
