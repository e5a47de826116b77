"use client";

import { closeIncidentSchema } from "@/lib/schemas/incident";
import { closeIncidentAction } from "@/lib/server/actions/incidents/close-incident-action";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";

/** Closes an incident after a confirmation: the device is not told, and may open it again. */
export function CloseIncidentButton({ incidentId, title }: { incidentId: string; title: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Close incident ${title}`}>
          Close
        </Button>
      }
      title={`Close "${title}"?`}
      description="The incident is marked closed here and in webhooks. The device is not told; if the problem persists, its firmware may open it again."
      action={closeIncidentAction}
      schema={closeIncidentSchema}
      fields={{ incidentId }}
      submitLabel="Close incident"
      pendingLabel="Closing…"
    />
  );
}
