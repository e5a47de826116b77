"use client";

import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { createWebhookEndpointSchema } from "@/lib/schemas/webhook";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS } from "@/lib/webhooks/events";
import {
  createWebhookEndpointAction,
  type CreatedWebhookEndpoint,
} from "@/lib/server/actions/webhooks/create-webhook-endpoint-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormFooter, DialogTrigger } from "@/components/ui/dialog";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";

/** Adds an endpoint, then shows its signing secret once. */
export function AddWebhookDialog() {
  const [isOpen, setIsOpen] = useState(false);
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);
  function onOpenChange(open: boolean) {
    setIsOpen(open);
    if (!open) setCreated(null);
  }
  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden />
          Add endpoint
        </Button>
      </DialogTrigger>
      {created ? (
        <DialogContent title="Endpoint added" description={`Copy the signing secret of ${created.url} now.`}>
          <ShownOnceSecret secret={created.secret} copyLabel="signing secret" testId="webhook-secret">
            This secret won&apos;t be shown again. Your receiver uses it to check the X-Partner-Hub-Signature header.
          </ShownOnceSecret>
        </DialogContent>
      ) : (
        <DialogContent title="Add webhook endpoint" description="Partner Hub posts the chosen events to this URL.">
          <AddWebhookForm onCreated={setCreated} />
        </DialogContent>
      )}
    </Dialog>
  );
}

function AddWebhookForm({ onCreated }: { onCreated: (endpoint: CreatedWebhookEndpoint) => void }) {
  const router = useRouter();
  const onSuccess = useCallback(
    (endpoint: CreatedWebhookEndpoint) => {
      onCreated(endpoint);
      router.refresh();
    },
    [onCreated, router],
  );
  const form = useFormAction(createWebhookEndpointAction, { schema: createWebhookEndpointSchema, onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate className="space-y-4">
      <FormField
        id="webhook-url"
        label="URL"
        hint="https:// on a public host (this portal may also allow local ones)."
        errors={form.fieldErrors.url}
      >
        {(control) => <Input {...control} name="url" type="url" autoComplete="off" required />}
      </FormField>
      <fieldset aria-describedby={form.fieldErrors.events ? "webhook-events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-900">Events</legend>
        <div className="mt-2 grid gap-1.5">
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name={`event:${event}`} defaultChecked={event === "device.registered"} />
              {WEBHOOK_EVENT_LABELS[event]} <code className="text-xs text-slate-500">{event}</code>
            </label>
          ))}
        </div>
        {form.fieldErrors.events ? (
          <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
            {form.fieldErrors.events.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <FormField
        id="webhook-secret-input"
        label="Signing secret (optional)"
        hint="Leave empty and Partner Hub generates one."
        errors={form.fieldErrors.secret}
      >
        {(control) => <Input {...control} name="secret" autoComplete="off" />}
      </FormField>
      <FormMessage message={form.formMessage} />
      <DialogFormFooter isPending={form.isPending} submitLabel="Add endpoint" pendingLabel="Adding…" />
    </form>
  );
}
