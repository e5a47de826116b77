"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { replayWebhookDeliveryAction } from "@/lib/server/actions/webhooks/replay-webhook-delivery-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";

/** Queues the delivery's body again; the log then shows a new entry. */
export function ReplayDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const router = useRouter();
  const onSuccess = useCallback(() => router.refresh(), [router]);
  const form = useFormAction(replayWebhookDeliveryAction, { onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit}>
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button type="submit" variant="ghost" size="sm" disabled={form.isPending}>
        {form.isPending ? "Queuing…" : "Replay"}
      </Button>
      {form.formMessage ? (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {form.formMessage}
        </span>
      ) : null}
    </form>
  );
}
