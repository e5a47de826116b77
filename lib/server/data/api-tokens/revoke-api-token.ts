import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { forgetApiToken } from "./api-token-cache";

/** Revokes a token: every call with it is refused from now on (other processes within 5 s). */
export async function revokeApiToken(options: {
  partnerId: string;
  actor: Actor;
  tokenId: string;
}): Promise<{ name: string }> {
  const { partnerId, actor, tokenId } = options;
  const result = await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, partnerId },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!token) throw new AppError("NOT_FOUND", "API token not found.");
    if (token.revokedAt) throw new AppError("CONFLICT", `API token "${token.name}" is already revoked.`);
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "api_token.revoke",
      targetType: "api_token",
      targetId: token.id,
      summary: `Revoked API token "${token.name}"`,
    });
    return token;
  });
  forgetApiToken(result.id);
  return { name: result.name };
}
