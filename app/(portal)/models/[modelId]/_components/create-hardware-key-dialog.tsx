"use client";

import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { createHardwareKeySchema } from "@/lib/schemas/hardware-key";
import {
  createHardwareKeyAction,
  type CreatedHardwareKey,
} from "@/lib/server/actions/hardware-keys/create-hardware-key-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormFooter, DialogTrigger } from "@/components/ui/dialog";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";

/**
 * Creates a key and then shows its secret, once: the server keeps only a hash,
 * so closing the dialog is the last chance to copy it.
 */
export function CreateHardwareKeyDialog({ modelId }: { modelId: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const [created, setCreated] = useState<CreatedHardwareKey | null>(null);
  function onOpenChange(open: boolean) {
    setIsOpen(open);
    if (!open) setCreated(null);
  }
  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden />
          Create hardware key
        </Button>
      </DialogTrigger>
      {created ? (
        <DialogContent title="Hardware key created" description={`Copy the secret of "${created.label}" now.`}>
          <ShownOnceSecret secret={created.secret} copyLabel="hardware key" testId="hardware-key-secret">
            This key won&apos;t be shown again. Store it in your factory provisioning system; if it is lost, revoke it
            and create a new one.
          </ShownOnceSecret>
        </DialogContent>
      ) : (
        <DialogContent
          title="Create hardware key"
          description="Firmware of this model sends this key to register its devices."
        >
          <CreateKeyForm modelId={modelId} onCreated={setCreated} />
        </DialogContent>
      )}
    </Dialog>
  );
}

function CreateKeyForm({ modelId, onCreated }: { modelId: string; onCreated: (key: CreatedHardwareKey) => void }) {
  const router = useRouter();
  const onSuccess = useCallback(
    (key: CreatedHardwareKey) => {
      onCreated(key);
      router.refresh();
    },
    [onCreated, router],
  );
  const form = useFormAction(createHardwareKeyAction, { schema: createHardwareKeySchema, onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="modelId" value={modelId} />
      <FormField
        id="key-label"
        label="Label"
        hint='For example "Batch 2026-11, factory A".'
        errors={form.fieldErrors.label}
      >
        {(control) => <Input {...control} name="label" maxLength={60} autoComplete="off" required />}
      </FormField>
      <FormField
        id="key-expected-devices"
        label="Expected device count (optional)"
        hint="How many devices this batch will register; shown next to the actual count."
        errors={form.fieldErrors.expectedDevices}
      >
        {(control) => <Input {...control} name="expectedDevices" type="number" inputMode="numeric" min={1} />}
      </FormField>
      <FormMessage message={form.formMessage} />
      <DialogFormFooter isPending={form.isPending} submitLabel="Create key" pendingLabel="Creating…" />
    </form>
  );
}
