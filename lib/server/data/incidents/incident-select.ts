import "server-only";
import type { IncidentAnswer, IncidentPriority, IncidentStatus } from "@/lib/schemas/incident";

/** The columns every read of an incident takes. */
export const INCIDENT_SELECT = {
  id: true,
  deviceId: true,
  title: true,
  issue: true,
  priority: true,
  description: true,
  status: true,
  closedBy: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
} as const;

export type IncidentRow = {
  id: string;
  deviceId: string;
  title: string;
  issue: string;
  priority: string;
  description: string | null;
  status: string;
  closedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
};

/** An incident in Xyte's shape (the device API, webhooks and the management API). */
export function incidentAnswer(row: IncidentRow): IncidentAnswer {
  return {
    id: row.id,
    device_id: row.deviceId,
    status: row.status as IncidentStatus,
    priority: row.priority as IncidentPriority,
    title: row.title,
    description: row.description,
    issue: row.issue,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
