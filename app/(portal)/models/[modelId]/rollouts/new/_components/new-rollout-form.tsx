"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { DEVICE_STATUS_LABELS, DEVICE_STATUSES } from "@/lib/devices/device-status";
import { newRolloutSchema, type RolloutFilters } from "@/lib/schemas/rollout";
import {
  previewRolloutTargetAction,
  type TargetPreview,
} from "@/lib/server/actions/rollouts/preview-rollout-target-action";
import { startRolloutAction, type StartedRollout } from "@/lib/server/actions/rollouts/start-rollout-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";

type Target = "all" | "versions" | "serials" | "filters";

/**
 * The rollout's file, who gets it, and how: stages, pace, timeouts and the
 * stop rule. How many devices it would update is shown as the target changes,
 * before anything starts.
 */
export function NewRolloutForm({
  modelId,
  files,
  fileId,
  filters,
}: {
  modelId: string;
  files: { id: string; label: string }[];
  fileId: string;
  /** The device list's filters this page was opened with (its "Roll out firmware" link), if any. */
  filters: RolloutFilters | null;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [target, setTarget] = useState<Target>(filters ? "filters" : "all");
  const [preview, setPreview] = useState<TargetPreview | string | null>(null);
  const onSuccess = useCallback((started: StartedRollout) => router.push(`/rollouts/${started.id}`), [router]);
  const form = useFormAction(startRolloutAction, { schema: newRolloutSchema, onSuccess });

  // The target's size, asked again a moment after the target stops changing.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshPreview = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      void previewRolloutTargetAction(null, new FormData(formRef.current)).then((result) =>
        setPreview(result.ok ? result.data : result.message),
      );
    }, 300);
  }, []);
  useEffect(() => {
    refreshPreview();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [refreshPreview, target]);

  const errors = form.fieldErrors;
  return (
    <form
      ref={formRef}
      action={form.formAction}
      onSubmit={form.onSubmit}
      onChange={refreshPreview}
      noValidate
      className="max-w-3xl space-y-6"
    >
      <input type="hidden" name="modelId" value={modelId} />
      <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-base font-semibold text-slate-900">What and to whom</h2>
        <FormField id="rollout-file" label="Firmware file" errors={errors.fileId}>
          {(control) => (
            <NativeSelect {...control} name="fileId" defaultValue={fileId}>
              {files.map((file) => (
                <option key={file.id} value={file.id}>
                  {file.label}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Devices</legend>
          {(
            [
              ["all", "Every device of the model"],
              ["versions", "Devices on a firmware version range"],
              ["serials", "Devices by serial number"],
              ["filters", "Devices matching the device list's filters"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="radio"
                name="target"
                value={value}
                checked={target === value}
                onChange={() => setTarget(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        {target === "versions" ? (
          <FormField
            id="rollout-range"
            label="Version range"
            hint="Comparators that must all hold, like >=1.2.0 <2.0.0"
            errors={errors.versionRange}
          >
            {(control) => <Input {...control} name="versionRange" placeholder=">=1.0.0 <2.0.0" autoComplete="off" />}
          </FormField>
        ) : null}
        {target === "serials" ? (
          <FormField
            id="rollout-serials"
            label="Serial numbers"
            hint="One per line, or separated by commas"
            errors={errors.serials}
          >
            {(control) => <Textarea {...control} name="serials" rows={5} />}
          </FormField>
        ) : null}
        {target === "filters" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              id="rollout-filter-q"
              label="Search"
              hint="Serial number, name, id, MAC or cloud id contains"
              errors={errors.filterQ}
            >
              {(control) => <Input {...control} name="filterQ" defaultValue={filters?.q ?? ""} autoComplete="off" />}
            </FormField>
            <FormField id="rollout-filter-status" label="Status" errors={errors.filterStatus}>
              {(control) => (
                <NativeSelect {...control} name="filterStatus" defaultValue={filters?.status ?? ""}>
                  <option value="">Any status</option>
                  {DEVICE_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {DEVICE_STATUS_LABELS[status]}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </FormField>
            <FormField
              id="rollout-filter-firmware"
              label="Current firmware"
              hint="Exactly this version"
              errors={errors.filterFirmware}
            >
              {(control) => (
                <Input {...control} name="filterFirmware" defaultValue={filters?.firmware ?? ""} autoComplete="off" />
              )}
            </FormField>
            <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
              <input type="checkbox" name="filterIncident" defaultChecked={filters?.hasOpenIncident ?? false} />
              Only devices with an open incident
            </label>
          </div>
        ) : null}
        <p
          className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700"
          aria-live="polite"
          data-testid="target-size"
        >
          {preview === null ? "Counting devices…" : typeof preview === "string" ? preview : describePreview(preview)}
        </p>
      </section>

      <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-base font-semibold text-slate-900">How</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            id="rollout-stages"
            label="Stages (% of the devices)"
            hint="Cumulative, ending at 100"
            errors={errors.stages}
          >
            {(control) => <Input {...control} name="stages" defaultValue="1, 10, 50, 100" autoComplete="off" />}
          </FormField>
          <FormField id="rollout-pace" label="Pace (devices per minute)" errors={errors.devicesPerMinute}>
            {(control) => <Input {...control} name="devicesPerMinute" type="number" min={1} defaultValue={100} />}
          </FormField>
          <FormField
            id="rollout-timeout"
            label="Timeout per device (minutes)"
            hint="A device that has not said done by then is retried or timed out"
            errors={errors.timeoutMinutes}
          >
            {(control) => <Input {...control} name="timeoutMinutes" type="number" min={1} defaultValue={60} />}
          </FormField>
          <FormField id="rollout-retries" label="Retries per device" errors={errors.retries}>
            {(control) => <Input {...control} name="retries" type="number" min={0} max={10} defaultValue={1} />}
          </FormField>
          <FormField
            id="rollout-verify"
            label="Verification window (minutes)"
            hint="After done, the device must run the new version and be heard from again (MQTT: reconnect and send telemetry)"
            errors={errors.verifyMinutes}
          >
            {(control) => <Input {...control} name="verifyMinutes" type="number" min={1} defaultValue={15} />}
          </FormField>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            id="rollout-stop-percent"
            label="Pause when failures pass (%)"
            hint="Of the devices finished, failed or timed out"
            errors={errors.stopFailurePercent}
          >
            {(control) => (
              <Input {...control} name="stopFailurePercent" type="number" min={1} max={100} defaultValue={10} />
            )}
          </FormField>
          <FormField id="rollout-stop-min" label="…after at least (devices finished)" errors={errors.stopMinFinished}>
            {(control) => <Input {...control} name="stopMinFinished" type="number" min={1} defaultValue={10} />}
          </FormField>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="isAutoPromoted" defaultChecked />
          Start the next stage by itself when a stage finishes healthy (otherwise it waits for you to resume it)
        </label>
      </section>
      <FormMessage message={form.formMessage} />
      <div className="flex justify-end">
        <Button type="submit" disabled={form.isPending}>
          {form.isPending ? "Starting…" : "Start rollout"}
        </Button>
      </div>
    </form>
  );
}

function describePreview(preview: TargetPreview): string {
  const skipped = [
    preview.onVersion ? `${preview.onVersion.toLocaleString("en-US")} already on this version` : null,
    preview.disabled ? `${preview.disabled.toLocaleString("en-US")} disabled` : null,
    preview.unknownSerials.length
      ? `${preview.unknownSerials.length} serial numbers not found (${preview.unknownSerials.slice(0, 3).join(", ")}${preview.unknownSerials.length > 3 ? ", …" : ""})`
      : null,
  ].filter(Boolean);
  const count = `This rollout would update ${preview.devices.toLocaleString("en-US")} ${preview.devices === 1 ? "device" : "devices"}`;
  return skipped.length ? `${count} (left out: ${skipped.join("; ")}).` : `${count}.`;
}
