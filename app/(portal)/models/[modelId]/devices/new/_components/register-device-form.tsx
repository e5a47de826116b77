"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { registerDeviceFormSchema, type RegisteredDevice } from "@/lib/schemas/device-registration";
import { registerDeviceAction } from "@/lib/server/actions/devices/register-device-action";
import { DeviceCredentialsCard } from "@/components/devices/device-credentials-card";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import { HardwareKeySelect, type KeyOption } from "./hardware-key-select";

/** The registration form; after success, the credentials card replaces it. */
export function RegisterDeviceForm({ modelId, keys }: { modelId: string; keys: KeyOption[] }) {
  const [registered, setRegistered] = useState<RegisteredDevice | null>(null);
  const [formKey, setFormKey] = useState(0);
  if (registered) {
    return (
      <div className="space-y-4">
        <DeviceCredentialsCard device={registered} />
        <div className="flex gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              setRegistered(null);
              setFormKey((k) => k + 1);
            }}
          >
            Register another device
          </Button>
          <Button asChild variant="ghost">
            <Link href={`/models/${modelId}`}>Back to the model</Link>
          </Button>
        </div>
      </div>
    );
  }
  return <Fields key={formKey} modelId={modelId} keys={keys} onRegistered={setRegistered} />;
}

function Fields({
  modelId,
  keys,
  onRegistered,
}: {
  modelId: string;
  keys: KeyOption[];
  onRegistered: (device: RegisteredDevice) => void;
}) {
  const onSuccess = useCallback((device: RegisteredDevice) => onRegistered(device), [onRegistered]);
  const form = useFormAction(registerDeviceAction, { schema: registerDeviceFormSchema, onSuccess });
  const errors = form.fieldErrors;
  return (
    <form
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <input type="hidden" name="modelId" value={modelId} />
      <HardwareKeySelect id="device-hardware-key" keys={keys} errors={errors.hardwareKeyId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="device-sn" label="Serial number" errors={errors.sn}>
          {(control) => <Input {...control} name="sn" autoComplete="off" required />}
        </FormField>
        <FormField
          id="device-firmware"
          label="Firmware version"
          hint="SemVer, e.g. 1.2.3"
          errors={errors.firmware_version}
        >
          {(control) => <Input {...control} name="firmware_version" autoComplete="off" placeholder="1.0.0" required />}
        </FormField>
        <FormField id="device-mac" label="MAC address (optional)" errors={errors.mac}>
          {(control) => <Input {...control} name="mac" autoComplete="off" placeholder="AA:BB:CC:DD:EE:FF" />}
        </FormField>
        <FormField id="device-cloud-id" label="Cloud ID (optional)" errors={errors.cloud_id}>
          {(control) => <Input {...control} name="cloud_id" autoComplete="off" />}
        </FormField>
      </div>
      <FormField id="device-name" label="Name (optional)" errors={errors.name}>
        {(control) => <Input {...control} name="name" autoComplete="off" />}
      </FormField>
      <FormField id="device-details" label="Details (optional JSON object)" errors={errors.details}>
        {(control) => <Textarea {...control} name="details" rows={3} placeholder='{"floor": 3}' />}
      </FormField>
      {form.formMessage && Object.keys(errors).length === 0 ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {form.formMessage}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={form.isPending}>
          {form.isPending ? "Registering…" : "Register device"}
        </Button>
      </div>
    </form>
  );
}
