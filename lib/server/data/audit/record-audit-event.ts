import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "../../ids";

export type Actor = { userId: string | null; label: string; ip?: string | null };

export type AuditInput = {
  partnerId: string;
  actor: Actor;
  action: string;
  targetType: "model" | "hardware_key" | "device" | "webhook_endpoint" | "api_token" | "member" | "invitation";
  targetId: string;
  summary: string;
};

/** Writes an audit event inside the caller's transaction, so it exists iff the change does. */
export async function recordAuditEvent(tx: Prisma.TransactionClient, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditEventData(input) });
}

export function auditEventData(input: AuditInput) {
  return {
    id: newId(),
    partnerId: input.partnerId,
    actorId: input.actor.userId,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    summary: input.summary,
    ip: input.actor.ip ?? null,
  };
}
