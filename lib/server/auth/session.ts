import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { getSessionCookie } from "better-auth/cookies";
import { auth } from "./auth";
import { can, isRole, POLICY, type Action, type Role } from "@/lib/auth/policy";
import { AppError } from "../errors";
import type { Actor } from "../data/audit/record-audit-event";
import { findMemberships } from "../data/members/find-memberships";
import { memberLabel } from "../member-label";
import { cachedViewer } from "../viewer-cache";

export type { Role } from "@/lib/auth/policy";

/** The signed-in user and the partner every query of this request is scoped to. */
export type Viewer = {
  userId: string;
  userName: string;
  email: string;
  partnerId: string;
  partnerName: string;
  role: Role;
};

const toRole = (value: string): Role => (isRole(value) ? value : "viewer");

/** The viewer of this request, or null when signed out. Cached per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => viewerOf(await headers()));

/**
 * The viewer a request's headers (its session cookie) identify, or null. For
 * route handlers that server.ts serves itself, outside Next.js's request scope.
 */
export function viewerOf(requestHeaders: Headers): Promise<Viewer | null> {
  return cachedViewer(getSessionCookie(requestHeaders), () => resolveViewer(requestHeaders));
}

async function resolveViewer(requestHeaders: Headers): Promise<Viewer | null> {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  // The partner chosen in the header's switcher (the session's active
  // organization) while the user is still its member; else the oldest membership.
  const memberships = await findMemberships({ userId: session.user.id });
  const active = session.session.activeOrganizationId;
  const member = memberships.find((m) => m.partnerId === active) ?? memberships[0];
  if (!member) return null;
  return {
    userId: session.user.id,
    userName: session.user.name,
    email: session.user.email,
    partnerId: member.partnerId,
    partnerName: member.name,
    role: toRole(member.role),
  };
}

/** For pages: the viewer, or a redirect to sign-in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

/** Throws FORBIDDEN unless the viewer's role may take the action (lib/auth/policy.ts). */
export function requirePermission(viewer: Viewer, action: Action): Viewer {
  if (can(viewer.role, action)) return viewer;
  throw new AppError(
    "FORBIDDEN",
    `Your role (${viewer.role}) cannot ${POLICY[action].covers}: that takes the ${POLICY[action].role} role or higher.`,
  );
}

/**
 * For actions and routes: the signed-in viewer, allowed to take the action,
 * or a typed error (UNAUTHENTICATED, FORBIDDEN). With headers, for route
 * handlers that server.ts serves outside Next.js's request scope.
 */
export async function authorize(action: Action, requestHeaders?: Headers): Promise<Viewer> {
  const viewer = requestHeaders ? await viewerOf(requestHeaders) : await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return requirePermission(viewer, action);
}

export { memberLabel } from "../member-label";

/** How the viewer appears in the audit log. */
export async function actorOf(viewer: Viewer, requestHeaders?: Headers): Promise<Actor> {
  const address = (requestHeaders ?? (await headers())).get(CLIENT_ADDRESS_HEADER);
  return { userId: viewer.userId, label: memberLabel(viewer.userName, viewer.email), ip: address };
}
