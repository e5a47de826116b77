"use client";

import { webhookEndpointIdSchema } from "@/lib/schemas/webhook";
import { deleteWebhookEndpointAction } from "@/lib/server/actions/webhooks/delete-webhook-endpoint-action";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";

/** Removes the endpoint after a confirmation, then goes back to the list. */
export function DeleteWebhookButton({ endpointId, url }: { endpointId: string; url: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="secondary" className="text-red-700">
          Remove endpoint
        </Button>
      }
      title="Remove this endpoint?"
      description={`Nothing more is sent to ${url}, and its delivery log is deleted.`}
      action={deleteWebhookEndpointAction}
      schema={webhookEndpointIdSchema}
      fields={{ endpointId }}
      submitLabel="Remove endpoint"
      pendingLabel="Removing…"
      isDanger
      thenGoTo="/webhooks"
    />
  );
}
