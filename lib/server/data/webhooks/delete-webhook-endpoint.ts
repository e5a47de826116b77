import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

/** Removes an endpoint with its delivery log; nothing more is sent to it. */
export async function deleteWebhookEndpoint(options: {
  partnerId: string;
  actor: Actor;
  endpointId: string;
}): Promise<{ url: string }> {
  const { partnerId, actor, endpointId } = options;
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({
      where: { id: endpointId, partnerId },
      select: { id: true, url: true },
    });
    if (!endpoint) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "webhook_endpoint.delete",
      targetType: "webhook_endpoint",
      targetId: endpoint.id,
      summary: `Removed webhook endpoint ${endpoint.url}`,
    });
    return { url: endpoint.url };
  });
}
