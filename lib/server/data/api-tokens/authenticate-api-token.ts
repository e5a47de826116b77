import "server-only";
import { isRole } from "@/lib/auth/policy";
import { db } from "../../db";
import { AppError } from "../../errors";
import { hashSecret } from "../../secrets";
import { cachedApiToken, type CachedApiToken } from "./api-token-cache";
import { logger } from "@/lib/logger";

// Last use is shown to the minute; writing it on every call would make each
// read a write.
const LAST_USE_EVERY_MS = 60_000;
const lastWritten = new Map<string, number>();

/**
 * The token an `Authorization: Bearer <token>` header names, or
 * UNAUTHENTICATED with the reason (unknown, revoked, expired).
 */
export async function authenticateApiToken(header: string | null, now = new Date()): Promise<CachedApiToken> {
  const secret = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
  if (!secret) throw new AppError("UNAUTHENTICATED", "Send an API token as Authorization: Bearer <token>.");
  const hash = hashSecret(secret);
  const token = await cachedApiToken(hash, async () => {
    const row = await db.apiToken.findUnique({
      where: { tokenHash: hash },
      select: { id: true, partnerId: true, name: true, role: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
    });
    return row && isRole(row.role) ? { ...row, role: row.role } : null;
  });
  if (!token) throw new AppError("UNAUTHENTICATED", "Unknown API token.");
  if (token.revokedAt) throw new AppError("UNAUTHENTICATED", "This API token was revoked.");
  if (token.expiresAt && token.expiresAt <= now) throw new AppError("UNAUTHENTICATED", "This API token has expired.");
  noteUse(token.id, now);
  return token;
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
