import { CheckCircle2Icon, CircleDashedIcon, LoaderIcon, XCircleIcon } from "lucide-react";
import type { Step } from "@/lib/mqtt/connection-check";

/** One step of the live check: its state, reason code, detail and time. */
export function ConnectionStepRow({ step }: { step: Step }) {
  const icon = {
    pending: <CircleDashedIcon aria-hidden className="size-4 text-slate-400" />,
    running: <LoaderIcon aria-hidden className="size-4 animate-spin text-brand-600" />,
    ok: <CheckCircle2Icon aria-hidden className="size-4 text-emerald-600" />,
    failed: <XCircleIcon aria-hidden className="size-4 text-red-600" />,
  }[step.status];
  return (
    <li data-step={step.key} data-status={step.status} data-ms={step.ms} className="flex items-start gap-2 text-sm">
      <span className="mt-0.5">{icon}</span>
      <span className="flex-1">
        <span className="font-medium text-slate-900">{step.title}</span>
        {step.code !== undefined ? (
          <span className="ml-2 font-mono text-xs text-slate-600">reason {step.code}</span>
        ) : null}
        {step.detail ? <span className="block text-xs text-slate-600">{step.detail}</span> : null}
      </span>
      {step.ms !== undefined ? (
        <span className="font-mono text-xs text-slate-500 tabular-nums">{step.ms} ms</span>
      ) : null}
      <span className="sr-only">{step.status}</span>
    </li>
  );
}
