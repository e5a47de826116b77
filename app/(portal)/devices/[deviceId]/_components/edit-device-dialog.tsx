"use client";

import { PencilIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { editDeviceSchema } from "@/lib/schemas/device-update";
import { editDeviceAction } from "@/lib/server/actions/devices/edit-device-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormFooter, DialogTrigger } from "@/components/ui/dialog";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";

type EditableDevice = { id: string; name: string | null; details: string | null };

/** Renames a device and edits its details; the firmware learns of it from info_version. */
export function EditDeviceDialog({ device }: { device: EditableDevice }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <PencilIcon aria-hidden />
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Edit device"
        description="The device's next telemetry answer carries a higher info_version, so its firmware can read the new name and details with GET /v1/devices/{id}."
      >
        <EditDeviceForm device={device} onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function EditDeviceForm({ device, onDone }: { device: EditableDevice; onDone: () => void }) {
  const router = useRouter();
  const onSuccess = useCallback(() => {
    onDone();
    router.refresh();
  }, [onDone, router]);
  const form = useFormAction(editDeviceAction, { schema: editDeviceSchema, onSuccess });
  const details = device.details ? JSON.stringify(JSON.parse(device.details), null, 2) : "";
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="deviceId" value={device.id} />
      <FormField id="device-name" label="Name (optional)" errors={form.fieldErrors.name}>
        {(control) => (
          <Input {...control} name="name" defaultValue={device.name ?? ""} maxLength={128} autoComplete="off" />
        )}
      </FormField>
      <FormField
        id="device-details"
        label="Details (optional)"
        hint="A JSON object, like the details the device sends with PUT /v1/devices/{id}."
        errors={form.fieldErrors.details}
      >
        {(control) => <Textarea {...control} name="details" defaultValue={details} rows={6} spellCheck={false} />}
      </FormField>
      <FormMessage message={form.formMessage} />
      <DialogFormFooter isPending={form.isPending} submitLabel="Save changes" pendingLabel="Saving…" />
    </form>
  );
}
