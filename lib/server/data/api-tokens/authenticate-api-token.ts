import "server-only";
import { isRole, lesserRole } from "@/lib/auth/policy";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { hashSecret } from "../../secrets";
import { cachedApiToken, type ActiveApiToken } from "./api-token-cache";
import { logger } from "@/lib/runtime/logger";

// Last use is shown to the minute; writing it on every call would make each
// read a write.
const LAST_USE_EVERY_MS = 60_000;
const lastWritten = new Map<string, number>();

/**
 * The token an `Authorization: Bearer <token>` header names, acting with the
 * lesser of its own role and its creator's current role, or UNAUTHENTICATED
 * with the reason (unknown, revoked, expired, its creator left the partner).
 */
export async function authenticateApiToken(header: string | null, now = new Date()): Promise<ActiveApiToken> {
  const secret = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
  if (!secret) throw new AppError("UNAUTHENTICATED", "Send an API token as Authorization: Bearer <token>.");
  const hash = hashSecret(secret);
  const token = await cachedApiToken(hash, async () => {
    const row = await db.apiToken.findUnique({
      where: { tokenHash: hash },
      select: {
        id: true,
        partnerId: true,
        name: true,
        role: true,
        createdByUserId: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
      },
    });
    if (!row || !isRole(row.role)) return null;
    const { createdByUserId, ...token } = row;
    const creator = createdByUserId
      ? await db.member.findUnique({
          where: { organizationId_userId: { organizationId: row.partnerId, userId: createdByUserId } },
          select: { role: true },
        })
      : null;
    return {
      ...token,
      createdByUserId,
      role: creator && isRole(creator.role) ? lesserRole(row.role, creator.role) : null,
    };
  });
  if (!token) throw new AppError("UNAUTHENTICATED", "Unknown API token.");
  if (token.revokedAt) throw new AppError("UNAUTHENTICATED", "This API token was revoked.");
  if (!token.role)
    throw new AppError(
      "UNAUTHENTICATED",
      "This API token's creator is no longer a member of the partner: a member creates a new token.",
    );
  if (token.expiresAt && token.expiresAt <= now) throw new AppError("UNAUTHENTICATED", "This API token has expired.");
  noteUse(token.id, now);
  return { ...token, role: token.role };
}

function noteUse(tokenId: string, now: Date): void {
  const last = lastWritten.get(tokenId) ?? 0;
  if (now.getTime() - last < LAST_USE_EVERY_MS) return;
  lastWritten.set(tokenId, now.getTime());
  if (lastWritten.size > 10_000) lastWritten.clear();
  db.apiToken
    .updateMany({ where: { id: tokenId }, data: { lastUsedAt: now } })
    .catch((error: unknown) =>
      logger("management-api").error({ err: error }, "Recording an API token's last use failed"),
    );
}
