import "server-only";
import { db } from "../../database/db";

/** The latest audit events about one object of this partner. */
export async function findAuditEvents(options: {
  partnerId: string;
  targetId: string;
  actions?: string[];
  take?: number;
}) {
  return db.auditEvent.findMany({
    where: {
      partnerId: options.partnerId,
      targetId: options.targetId,
      ...(options.actions ? { action: { in: options.actions } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 50,
    select: { id: true, actorLabel: true, action: true, summary: true, ip: true, createdAt: true },
  });
}
