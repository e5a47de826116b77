import "server-only";
import { db } from "../../db";
import { AppError } from "../../errors";

type Cursor = { at: string; id: string };

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");

function decode(text: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, "base64url").toString()) as unknown[];
    if (typeof at === "string" && !Number.isNaN(Date.parse(at)) && typeof id === "string") return { at, id };
  } catch {
    // Falls through.
  }
  throw new AppError("VALIDATION", "cursor: not valid; start from the first page");
}

/** The partner's audit events, newest first, a keyset page at a time. */
export async function listAuditEvents(options: { partnerId: string; cursor?: string; take: number }) {
  const after = options.cursor ? decode(options.cursor) : null;
  const rows = await db.auditEvent.findMany({
    where: {
      partnerId: options.partnerId,
      ...(after
        ? { OR: [{ createdAt: { lt: new Date(after.at) } }, { createdAt: new Date(after.at), id: { lt: after.id } }] }
        : {}),
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
  const last = rows.length > options.take ? rows[options.take - 1] : undefined;
  if (last) rows.length = options.take;
  return { rows, nextCursor: last ? encode({ at: last.createdAt.toISOString(), id: last.id }) : null };
}
