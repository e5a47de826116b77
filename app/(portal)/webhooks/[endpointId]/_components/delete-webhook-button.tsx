"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { webhookEndpointIdSchema } from "@/lib/schemas/webhook";
import { deleteWebhookEndpointAction } from "@/lib/server/actions/webhooks/delete-webhook-endpoint-action";
import { ConfirmActionForm } from "@/components/forms/confirm-action-form";
import { useFormAction } from "@/components/forms/use-form-action";
import { AlertDialog, AlertDialogContent, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

/** Removes the endpoint after a confirmation, then goes back to the list. */
export function DeleteWebhookButton({ endpointId, url }: { endpointId: string; url: string }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const onSuccess = useCallback(() => {
    setIsOpen(false);
    router.push("/webhooks");
  }, [router]);
  const form = useFormAction(deleteWebhookEndpointAction, { schema: webhookEndpointIdSchema, onSuccess });
  return (
    <AlertDialog open={isOpen} onOpenChange={setIsOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" className="text-red-700">
          Remove endpoint
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title="Remove this endpoint?"
        description={`Nothing more is sent to ${url}, and its delivery log is deleted.`}
      >
        <ConfirmActionForm
          form={form}
          fields={{ endpointId }}
          submitLabel="Remove endpoint"
          pendingLabel="Removing…"
          isDanger
        />
      </AlertDialogContent>
    </AlertDialog>
  );
}
