import "server-only";
import { assignableRoles, type Role } from "@/lib/auth/policy";
import type { CreateApiTokenInput } from "@/lib/schemas/api-token";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { newPublicId } from "../../ids";
import { generateSecret, hashSecret } from "../../secrets";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

export const API_TOKEN_PREFIX = "pht";

/**
 * Creates an API token for the partner. The secret is in the return value
 * only: the database keeps its HMAC and a short prefix. A member cannot mint
 * a token stronger than the roles they may hand out (an admin no owner token).
 */
export async function createApiToken(options: {
  partnerId: string;
  actor: Actor;
  actorRole: Role;
  input: CreateApiTokenInput;
  now?: Date;
}): Promise<{ id: string; name: string; role: Role; secret: string; expiresAt: Date | null }> {
  const { partnerId, actor, input } = options;
  if (!assignableRoles(options.actorRole).includes(input.role)) {
    throw new AppError(
      "FORBIDDEN",
      `Your role (${options.actorRole}) cannot create a token with the ${input.role} role.`,
    );
  }
  const now = options.now ?? new Date();
  const secret = generateSecret(API_TOKEN_PREFIX);
  const id = newPublicId("tok");
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  await db.$transaction(async (tx) => {
    await tx.apiToken.create({
      data: {
        id,
        partnerId,
        name: input.name,
        role: input.role,
        tokenHash: hashSecret(secret),
        tokenPrefix: secret.slice(0, API_TOKEN_PREFIX.length + 7),
        createdBy: actor.label,
        createdByUserId: actor.userId,
        createdAt: now,
        expiresAt,
      },
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "api_token.create",
      targetType: "api_token",
      targetId: id,
      summary: `Created API token "${input.name}" (${input.role})`,
    });
  });
  return { id, name: input.name, role: input.role, secret, expiresAt };
}
