"use client";

import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { issueLicenseSchema } from "@/lib/schemas/license";
import { issueLicenseAction } from "@/lib/server/actions/licenses/issue-license-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormFooter, DialogTrigger } from "@/components/ui/dialog";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";

type LicenseType = { id: string; name: string };

/** Issues a licence of one of the model's types: signed, and offered to the device on its next telemetry. */
export function IssueLicenseDialog({ deviceId, types }: { deviceId: string; types: LicenseType[] }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <PlusIcon aria-hidden />
          Issue licence
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Issue licence"
        description="The data is signed with your partner key, bound to this device, and offered to it on its next telemetry answer."
      >
        <IssueLicenseForm deviceId={deviceId} types={types} onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function IssueLicenseForm({ deviceId, types, onDone }: { deviceId: string; types: LicenseType[]; onDone: () => void }) {
  const router = useRouter();
  const onSuccess = useCallback(() => {
    onDone();
    router.refresh();
  }, [onDone, router]);
  const form = useFormAction(issueLicenseAction, { schema: issueLicenseSchema, onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="deviceId" value={deviceId} />
      <FormField id="license-type" label="Licence type" errors={form.fieldErrors.typeId}>
        {(control) => (
          <NativeSelect {...control} name="typeId" defaultValue={types[0]?.id}>
            {types.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      <FormField
        id="license-data"
        label="Data (optional)"
        hint='A JSON object the firmware reads, like {"seats": 10}.'
        errors={form.fieldErrors.data}
      >
        {(control) => <Textarea {...control} name="data" rows={4} spellCheck={false} />}
      </FormField>
      <FormField
        id="license-expires"
        label="Expires on (optional)"
        hint="The end of that day, UTC."
        errors={form.fieldErrors.expiresOn}
      >
        {(control) => <Input {...control} type="date" name="expiresOn" />}
      </FormField>
      <FormMessage message={form.formMessage} />
      <DialogFormFooter isPending={form.isPending} submitLabel="Issue licence" pendingLabel="Issuing…" />
    </form>
  );
}
