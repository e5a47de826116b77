import "server-only";
import type { Actor } from "../audit/record-audit-event";
import { recordAuditEvent } from "../audit/record-audit-event";
import { db } from "../../database/db";

/**
 * Audits a member change after better-auth made it (its endpoints write
 * outside the portal's transactions). The summary names the member.
 */
export async function recordMemberEvent(input: {
  partnerId: string;
  actor: Actor;
  action: `member.${string}` | `invitation.${string}`;
  targetType: "member" | "invitation";
  targetId: string;
  summary: string;
}): Promise<void> {
  await recordAuditEvent(db, input);
}
