import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { CLIENT_ADDRESS_HEADER } from "@/lib/request-headers";
import { auth } from "./auth";
import { db } from "./db";
import { AppError } from "./errors";
import type { Actor } from "./data/audit/record-audit-event";

export const ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user and the partner every query of this request is scoped to. */
export type Viewer = {
  userId: string;
  userName: string;
  email: string;
  partnerId: string;
  partnerName: string;
  role: Role;
};

const toRole = (value: string): Role => ((ROLES as readonly string[]).includes(value) ? (value as Role) : "viewer");

/** The viewer of this request, or null when signed out. Cached per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  const member = await db.member.findFirst({
    where: { userId: session.user.id },
    orderBy: { createdAt: "asc" },
    select: { role: true, organizationId: true, organization: { select: { name: true } } },
  });
  if (!member) return null;
  return {
    userId: session.user.id,
    userName: session.user.name,
    email: session.user.email,
    partnerId: member.organizationId,
    partnerName: member.organization.name,
    role: toRole(member.role),
  };
});

/** For pages: the viewer, or a redirect to sign-in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

const WRITE_ROLES: readonly Role[] = ["owner", "admin", "developer"];

export const canWrite = (viewer: Viewer): boolean => WRITE_ROLES.includes(viewer.role);

/** For actions: the viewer allowed to change things, or a typed error. */
export async function requireWriter(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (!canWrite(viewer)) throw new AppError("FORBIDDEN", "Your role can view but not change this partner's data.");
  return viewer;
}

/** How the viewer appears in the audit log. */
export async function actorOf(viewer: Viewer): Promise<Actor> {
  return { userId: viewer.userId, label: viewer.email, ip: (await headers()).get(CLIENT_ADDRESS_HEADER) };
}
