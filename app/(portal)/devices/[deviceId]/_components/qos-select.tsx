import { NativeSelect } from "@/components/ui/input";

export type Qos = 0 | 1 | 2;

/** A labelled MQTT QoS picker (publish QoS, or a subscription's maximum). */
export function QosSelect({ label, value, onChange }: { label: string; value: Qos; onChange: (qos: Qos) => void }) {
  return (
    <label className="text-xs text-slate-600">
      {label}
      <NativeSelect value={value} onChange={(event) => onChange(Number(event.target.value) as Qos)} className="mt-1">
        <option value={0}>0</option>
        <option value={1}>1</option>
        <option value={2}>2</option>
      </NativeSelect>
    </label>
  );
}
