import "server-only";
import { db } from "../../database/db";
import { decodeCursor, keysetPage } from "../keyset-cursor";

/** The partner's audit events, newest first, a keyset page at a time. */
export async function listAuditEvents(options: { partnerId: string; cursor?: string; take: number }) {
  const after = options.cursor ? decodeCursor(options.cursor, "cursor: not valid; start from the first page") : null;
  const at = after ? new Date(after.value ?? 0) : null;
  const rows = await db.auditEvent.findMany({
    where: {
      partnerId: options.partnerId,
      ...(after && at ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take + 1,
    select: {
      id: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetId: true,
      summary: true,
      ip: true,
      createdAt: true,
    },
  });
  return keysetPage(rows, options.take, (row) => row.createdAt);
}
