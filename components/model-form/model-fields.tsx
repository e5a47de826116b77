"use client";

import type { FieldErrors } from "@/lib/action-result";
import { DEVICE_TYPE_LABELS, DEVICE_TYPES, type DeviceType } from "@/lib/schemas/model";
import { FormField } from "@/components/ui/form-field";
import { Input, NativeSelect } from "@/components/ui/input";

export type ModelFieldValues = {
  name: string;
  sku: string | null;
  deviceType: DeviceType;
  offlineThresholdMinutes: number;
};

/** The fields a model can have edited: everything but its protocol. */
export function ModelFields({ errors, defaults }: { errors: FieldErrors; defaults?: ModelFieldValues }) {
  return (
    <div className="space-y-4">
      <FormField id="model-name" label="Name" errors={errors.name}>
        {(control) => (
          <Input {...control} name="name" defaultValue={defaults?.name} maxLength={80} autoComplete="off" required />
        )}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="model-sku" label="SKU (optional)" errors={errors.sku}>
          {(control) => (
            <Input {...control} name="sku" defaultValue={defaults?.sku ?? ""} maxLength={64} autoComplete="off" />
          )}
        </FormField>
        <FormField id="model-device-type" label="Device type" errors={errors.deviceType}>
          {(control) => (
            <NativeSelect {...control} name="deviceType" defaultValue={defaults?.deviceType ?? "PHYSICAL"}>
              {DEVICE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {DEVICE_TYPE_LABELS[type]}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
      </div>
      <FormField
        id="model-offline-threshold"
        label="Offline detection threshold (minutes)"
        hint="A connected device silent for longer than this is shown as offline."
        errors={errors.offlineThresholdMinutes}
      >
        {(control) => (
          <Input
            {...control}
            name="offlineThresholdMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={10080}
            defaultValue={defaults?.offlineThresholdMinutes ?? 10}
            required
          />
        )}
      </FormField>
    </div>
  );
}
