import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseEventList, type WebhookEvent } from "@/lib/webhooks/events";
import { newId } from "../../ids";

export type WebhookEventInput = { type: WebhookEvent; data: Record<string, unknown> };

/**
 * The outbox rows for some events of one partner: one per event and
 * endpoint subscribed to it. The body is fixed here, so every attempt and
 * every replay sends (and signs) the same bytes; the event id lets a
 * receiver drop a duplicate.
 */
export function deliveryRows(
  endpoints: readonly { id: string; events: string }[],
  events: readonly WebhookEventInput[],
  now: Date,
): Prisma.WebhookDeliveryCreateManyInput[] {
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const event of events) {
    const payload = JSON.stringify({ id: newId(), type: event.type, created_at: now.toISOString(), data: event.data });
    for (const endpoint of endpoints) {
      if (!parseEventList(endpoint.events).includes(event.type)) continue;
      rows.push({
        id: newId(),
        endpointId: endpoint.id,
        event: event.type,
        payload,
        createdAt: now,
        nextAttemptAt: now,
      });
    }
  }
  return rows;
}

/** A device as webhook payloads describe it. */
export function deviceEventData(device: { id: string; sn: string; modelId: string }): Record<string, unknown> {
  return { device: { id: device.id, sn: device.sn, model_id: device.modelId } };
}

/** A command as webhook payloads describe it, with the status it just reached. */
export function commandEventData(command: {
  id: string;
  deviceId: string;
  name: string;
  status: string;
  message: string | null;
}): Record<string, unknown> {
  const { id, deviceId, name, status, message } = command;
  return { command: { id, device_id: deviceId, name, status, message } };
}
