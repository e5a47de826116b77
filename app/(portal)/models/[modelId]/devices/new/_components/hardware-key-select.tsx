import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/input";

export type KeyOption = { id: string; label: string; keyPrefix: string };

/** The model's active hardware keys, by label and masked prefix. */
export function HardwareKeySelect({
  id,
  keys,
  errors,
}: {
  id: string;
  keys: KeyOption[];
  errors?: string[] | undefined;
}) {
  return (
    <FormField id={id} label="Hardware key" errors={errors}>
      {(control) => (
        <NativeSelect {...control} name="hardwareKeyId" defaultValue={keys[0]?.id}>
          {keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.label} ({key.keyPrefix}…)
            </option>
          ))}
        </NativeSelect>
      )}
    </FormField>
  );
}
