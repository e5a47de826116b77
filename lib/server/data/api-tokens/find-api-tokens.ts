import "server-only";
import { db } from "../../database/db";

/** The partner's API tokens, newest first; the secret only by its prefix. */
export async function findApiTokens(partnerId: string) {
  return db.apiToken.findMany({
    where: { partnerId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      role: true,
      tokenPrefix: true,
      createdBy: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
}

export type ApiTokenRow = Awaited<ReturnType<typeof findApiTokens>>[number];
