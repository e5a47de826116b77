"use client";

import { PencilIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { updateModelSchema } from "@/lib/schemas/model";
import { updateModelAction } from "@/lib/server/actions/models/update-model-action";
import { ModelFields, type ModelFieldValues } from "@/components/model-form/model-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormFooter, DialogTrigger } from "@/components/ui/dialog";

type EditableModel = ModelFieldValues & { id: string };

/** Edits everything but the protocol, which has no control here at all. */
export function EditModelDialog({ model }: { model: EditableModel }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <PencilIcon aria-hidden />
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent title="Edit model" description="The communication protocol is fixed and is not editable.">
        <EditModelForm model={model} onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function EditModelForm({ model, onDone }: { model: EditableModel; onDone: () => void }) {
  const router = useRouter();
  const onSuccess = useCallback(() => {
    onDone();
    router.refresh();
  }, [onDone, router]);
  const form = useFormAction(updateModelAction, { schema: updateModelSchema, onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate>
      <input type="hidden" name="modelId" value={model.id} />
      <ModelFields errors={form.fieldErrors} defaults={model} />
      {/* The protocol has no field here, so a refusal naming it is shown for the whole form. */}
      {form.formMessage || form.fieldErrors.communicationProtocol ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {form.fieldErrors.communicationProtocol?.join(" ") ?? form.formMessage}
        </p>
      ) : null}
      <DialogFormFooter isPending={form.isPending} submitLabel="Save changes" pendingLabel="Saving…" />
    </form>
  );
}
