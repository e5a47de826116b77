import "server-only";
import { z } from "zod";
import { auditEventRecord } from "@/lib/management-api/fleet-schemas";
import { pageOf } from "@/lib/management-api/record-schemas";
import { listAuditEvents } from "../data/audit/list-audit-events";
import { managementRoute, parseInput } from "./management-route";
import { limitSchema } from "./models-api";

const querySchema = z.object({ cursor: z.string().max(300).optional(), limit: limitSchema });

export const listAuditEventsRoute = managementRoute("audit.read", pageOf(auditEventRecord), async ({ token, url }) => {
  const query = parseInput(querySchema, Object.fromEntries(url.searchParams));
  const { rows, nextCursor } = await listAuditEvents({
    partnerId: token.partnerId,
    cursor: query.cursor,
    take: query.limit,
  });
  const data = rows.map((row): z.input<typeof auditEventRecord> => ({
    id: row.id,
    actor: row.actorLabel,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    summary: row.summary,
    ip: row.ip,
    created_at: row.createdAt.toISOString(),
  }));
  return { body: { data, next_cursor: nextCursor } };
});
