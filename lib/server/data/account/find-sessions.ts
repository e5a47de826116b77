import "server-only";
import { db } from "../../database/db";

export type SessionRow = {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
};

/** The user's sessions that have not expired, newest activity first. */
export async function findSessions(options: { userId: string }): Promise<SessionRow[]> {
  const sessions = await db.session.findMany({
    where: { userId: options.userId, expiresAt: { gt: new Date() } },
    orderBy: { updatedAt: "desc" },
    select: { id: true, createdAt: true, updatedAt: true, ipAddress: true, userAgent: true },
  });
  return sessions.map(({ updatedAt, ...s }) => ({ ...s, lastActiveAt: updatedAt }));
}
