import "server-only";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { nudgeWebhookWorker } from "./worker-signal";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";

/**
 * Sends a delivery again, as a new row in the log with the same body (the
 * same event id, so a receiver can tell it is the same event).
 */
export async function replayWebhookDelivery(options: {
  partnerId: string;
  actor: Actor;
  deliveryId: string;
}): Promise<{ id: string; endpointId: string }> {
  const { partnerId, actor, deliveryId } = options;
  const replay = await db.$transaction(async (tx) => {
    const original = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, endpoint: { partnerId } },
      select: { id: true, endpointId: true, event: true, payload: true },
    });
    if (!original) throw new AppError("NOT_FOUND", "Webhook delivery not found.");
    const now = new Date();
    const id = newId();
    await tx.webhookDelivery.create({
      data: {
        id,
        endpointId: original.endpointId,
        event: original.event,
        payload: original.payload,
        createdAt: now,
        nextAttemptAt: now,
      },
    });
    await recordAuditEvent(tx, {
      partnerId,
      actor,
      action: "webhook_delivery.replay",
      targetType: "webhook_endpoint",
      targetId: original.endpointId,
      summary: `Replayed ${original.event} delivery ${original.id}`,
    });
    return { id, endpointId: original.endpointId };
  });
  nudgeWebhookWorker();
  return replay;
}
