import { z } from "zod";
import { text } from "./device-registration";

// Incidents (Xyte's device-initiated incidents): a device opens one for a
// problem it detects itself and closes it when the problem is gone; a member
// may close one from the device's page.

export const INCIDENT_PRIORITIES = ["critical", "high", "moderate", "low", "planning"] as const;
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number];

export const INCIDENT_STATUSES = ["active", "closed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** A device keeps at most this many open at once: a firmware loop must not grow the table without end. */
export const MAX_OPEN_INCIDENTS = 100;

/** Open Incident (POST /v1/devices/{id}/incidents). */
export const openIncidentSchema = z.object({
  title: z.string({ error: "is required" }).pipe(text(200)),
  issue: z.string({ error: "is required" }).pipe(text(100)),
  priority: z
    .enum(INCIDENT_PRIORITIES, { error: `must be one of ${INCIDENT_PRIORITIES.join(", ")}` })
    .default("moderate"),
  description: z
    .string({ error: "must be a string" })
    .trim()
    .max(4_000, "must be at most 4,000 characters")
    .nullish()
    .transform((value) => value || null),
});
export type OpenIncident = z.output<typeof openIncidentSchema>;

/** An incident as the device API lists it (Xyte's shape). */
export type IncidentAnswer = {
  id: string;
  device_id: string;
  status: IncidentStatus;
  priority: IncidentPriority;
  title: string;
  description: string | null;
  issue: string;
  created_at: string;
  updated_at: string;
};

export const closeIncidentSchema = z.object({ incidentId: z.string().min(1, "Incident is required") });
