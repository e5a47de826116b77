"use client";

import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { createModelSchema } from "@/lib/schemas/model";
import { createModelAction } from "@/lib/server/actions/models/create-model-action";
import { ModelFields } from "@/components/model-form/model-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormFooter, DialogTrigger } from "@/components/ui/dialog";
import { FieldErrors } from "@/components/ui/form-field";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";

export function AddModelDialog({ triggerLabel = "Add model" }: { triggerLabel?: string }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden />
          {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Add model"
        description="Describe a device model. Devices register against it with a hardware key."
      >
        <AddModelForm onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function AddModelForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const onSuccess = useCallback(() => {
    onDone();
    router.refresh();
  }, [onDone, router]);
  const form = useFormAction(createModelAction, { schema: createModelSchema, onSuccess });
  const protocolErrors = form.fieldErrors.communicationProtocol;
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate>
      <ModelFields errors={form.fieldErrors} />
      <fieldset
        className="mt-5"
        aria-describedby={protocolErrors?.length ? "protocol-note protocol-error" : "protocol-note"}
      >
        <legend id="protocol-legend" className="text-sm font-medium text-slate-800">
          Communication Protocol
        </legend>
        <p id="protocol-note" className="mb-2 text-xs text-amber-700">
          Chosen once: the protocol cannot be changed after the model is created.
        </p>
        <RadioGroup name="communicationProtocol" aria-labelledby="protocol-legend" required className="sm:grid-cols-2">
          <RadioCard
            id="protocol-mqtt"
            value="MQTT"
            title="MQTT"
            description="Devices keep an MQTT v5 connection to the hub."
          />
          <RadioCard id="protocol-http" value="HTTP" title="HTTP" description="Devices call the HTTPS device API." />
        </RadioGroup>
        <FieldErrors id="protocol-error" errors={protocolErrors} />
      </fieldset>
      {form.formMessage && !Object.keys(form.fieldErrors).length ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {form.formMessage}
        </p>
      ) : null}
      <DialogFormFooter isPending={form.isPending} submitLabel="Create model" pendingLabel="Creating…" />
    </form>
  );
}
