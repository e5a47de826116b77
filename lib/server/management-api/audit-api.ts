import "server-only";
import { z } from "zod";
import { listAuditEvents } from "../data/audit/list-audit-events";
import { managementRoute, parseInput } from "./management-route";
import { limitSchema } from "./models-api";

const querySchema = z.object({ cursor: z.string().max(300).optional(), limit: limitSchema });

export const listAuditEventsRoute = managementRoute("audit.read", async ({ token, url }) => {
  const query = parseInput(querySchema, Object.fromEntries(url.searchParams));
  const { rows, nextCursor } = await listAuditEvents({
    partnerId: token.partnerId,
    cursor: query.cursor,
    take: query.limit,
  });
  return { body: { data: rows, next_cursor: nextCursor } };
});
