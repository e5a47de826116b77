import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { recordAuditEvent, type Actor } from "../audit/record-audit-event";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events";
import { INCIDENT_SELECT } from "./incident-select";
import { incidentEventData } from "./open-incident";

type Where = Prisma.IncidentWhereInput;

/**
 * Closes the open incidents `where` matches, each with its `incident.closed`
 * delivery, in one transaction. Only rows still open are closed, so two
 * racing closes report each incident once.
 */
async function closeWhere(where: Where, closedBy: string, audit?: { partnerId: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const open = await tx.incident.findMany({
      where: { ...where, status: "active" },
      select: { ...INCIDENT_SELECT, partnerId: true, device: { select: { sn: true, modelId: true } } },
    });
    if (open.length === 0) return [];
    const now = new Date();
    await tx.incident.updateMany({
      where: { id: { in: open.map((incident) => incident.id) }, status: "active" },
      data: { status: "closed", closedBy, closedAt: now },
    });
    const closed = open.map((incident) => ({ ...incident, status: "closed", closedBy, closedAt: now, updatedAt: now }));
    await enqueueWebhookEvents(
      tx,
      open[0]!.partnerId,
      closed.map((incident) => ({
        type: "incident.closed" as const,
        data: incidentEventData({ id: incident.deviceId, ...incident.device }, incident),
      })),
    );
    if (audit) {
      for (const incident of closed) {
        await recordAuditEvent(tx, {
          ...audit,
          action: "incident.close",
          targetType: "device",
          targetId: incident.deviceId,
          summary: `Closed incident "${incident.title}" (${incident.issue})`,
        });
      }
    }
    return closed;
  });
}

/** Close Incident (DELETE /v1/devices/{id}/incidents/{incident_id}): one of the device's own, 404 for any other id. */
export async function closeDeviceIncident(deviceId: string, incidentId: string): Promise<void> {
  const incident = await db.incident.findFirst({ where: { id: incidentId, deviceId }, select: { status: true } });
  if (!incident) throw new AppError("NOT_FOUND", `incident: no incident ${incidentId} for this device`);
  // Closing a closed incident again is fine: a device retries when an answer is lost.
  await closeWhere({ id: incidentId, deviceId }, "device");
}

/** Close Incidents (DELETE /v1/devices/{id}/incidents): every open one the device opened, after a reboot. */
export async function closeDeviceIncidents(deviceId: string): Promise<number> {
  return (await closeWhere({ deviceId }, "device")).length;
}

/** A member closes an incident from the device's page (audited). */
export async function closeIncidentByMember(options: {
  partnerId: string;
  actor: Actor;
  incidentId: string;
}): Promise<{ deviceId: string }> {
  const { partnerId, actor, incidentId } = options;
  const incident = await db.incident.findFirst({
    where: { id: incidentId, partnerId },
    select: { deviceId: true, status: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  if (incident.status !== "active") throw new AppError("CONFLICT", "This incident is already closed.");
  await closeWhere({ id: incidentId, partnerId }, actor.label, { partnerId, actor });
  return { deviceId: incident.deviceId };
}
