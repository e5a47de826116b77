import "server-only";
import { MAX_OPEN_INCIDENTS, type OpenIncident } from "@/lib/schemas/incident";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { deviceEventData } from "../webhooks/webhook-payload";
import { INCIDENT_SELECT, incidentAnswer } from "./incident-select";

/**
 * A device opens an incident (Open Incident). The row and its
 * `incident.opened` deliveries are written together; a device already
 * holding MAX_OPEN_INCIDENTS open ones is refused (409) rather than let a
 * firmware loop grow the table.
 */
export async function openIncident(options: {
  device: { id: string; partnerId: string; sn: string; modelId: string };
  input: OpenIncident;
}): Promise<{ id: string }> {
  const { device, input } = options;
  return db.$transaction(async (tx) => {
    const open = await tx.incident.count({ where: { deviceId: device.id, status: "active" } });
    if (open >= MAX_OPEN_INCIDENTS) {
      throw new AppError(
        "CONFLICT",
        `incidents: this device already has ${MAX_OPEN_INCIDENTS} open incidents; close some first`,
      );
    }
    const incident = await tx.incident.create({
      data: { id: newId(), partnerId: device.partnerId, deviceId: device.id, status: "active", ...input },
      select: INCIDENT_SELECT,
    });
    await enqueueWebhookEvents(tx, device.partnerId, [
      { type: "incident.opened", data: incidentEventData(device, incident) },
    ]);
    return { id: incident.id };
  });
}

/** An incident as webhook payloads describe it. */
export function incidentEventData(
  device: { id: string; sn: string; modelId: string },
  incident: Parameters<typeof incidentAnswer>[0],
): Record<string, unknown> {
  return { ...deviceEventData(device), incident: { ...incidentAnswer(incident), closed_by: incident.closedBy } };
}
