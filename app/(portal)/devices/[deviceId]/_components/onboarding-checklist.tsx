"use client";

import { CheckCircle2Icon, CircleDashedIcon, DownloadIcon, XCircleIcon } from "lucide-react";
import type { ChecklistStep } from "@/lib/devices/onboarding-checklist";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { toast } from "@/components/ui/toaster";
import { sendCommand } from "./use-send-command";

const ICONS = {
  done: <CheckCircle2Icon aria-hidden className="size-5 text-emerald-600" />,
  failed: <XCircleIcon aria-hidden className="size-5 text-red-600" />,
  waiting: <CircleDashedIcon aria-hidden className="size-5 text-slate-500" />,
};
const STATUS_WORDS = { done: "done", failed: "failed", waiting: "not yet" };

/**
 * "Waiting for your device": each step real firmware takes, ticked live from
 * what the portal saw of the device, with what to change and a snippet where
 * a step is missing or failed; the result downloads as a conformance report.
 */
export function OnboardingChecklist({
  deviceId,
  steps,
  canSend,
}: {
  deviceId: string;
  steps: ChecklistStep[];
  canSend: boolean;
}) {
  const doneCount = steps.filter((step) => step.status === "done").length;
  const isComplete = doneCount === steps.length;
  const isCommandWaiting = steps.some((step) => step.key === "command" && step.status !== "done");
  return (
    <section
      id="checklist"
      aria-labelledby="checklist-title"
      className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="checklist-title" className="text-lg font-semibold text-slate-900">
          {isComplete ? "Onboarding checklist: complete" : "Waiting for your device"}
        </h2>
        <div className="flex gap-2">
          {(["md", "json"] as const).map((format) => (
            <Button key={format} asChild variant="secondary" size="sm">
              <a href={`/api/devices/${deviceId}/conformance?format=${format}`} download>
                <DownloadIcon aria-hidden />
                Report ({format === "md" ? "Markdown" : "JSON"})
              </a>
            </Button>
          ))}
        </div>
      </div>
      <p role="status" className="text-sm text-slate-600">
        {doneCount} of {steps.length} steps done; each ticks as the device takes it.
      </p>
      <ol aria-label="Onboarding steps" className="mt-3 space-y-2">
        {steps.map((step) => (
          <li key={step.key} data-checklist-step={step.key} data-status={step.status} className="flex gap-3 text-sm">
            <span className="mt-0.5">{ICONS[step.status]}</span>
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">
                {step.title} <span className="sr-only">({STATUS_WORDS[step.status]})</span>
              </p>
              {step.detail ? <p className="text-xs text-slate-600">{step.detail}</p> : null}
              {step.status !== "done" && step.fix ? <p className="mt-0.5 text-xs text-slate-800">{step.fix}</p> : null}
              {step.status !== "done" && step.snippet ? (
                <div className="relative mt-1">
                  <pre
                    tabIndex={0}
                    aria-label={`Snippet: ${step.title}`}
                    className="overflow-x-auto rounded-md bg-slate-900 p-2 pr-10 text-xs text-slate-100"
                  >
                    {step.snippet}
                  </pre>
                  <CopyButton
                    value={step.snippet}
                    label={`snippet for ${step.title}`}
                    className="absolute top-1 right-1"
                  />
                </div>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {canSend && isCommandWaiting ? (
        <Button
          type="button"
          variant="secondary"
          size="sm"
          className="mt-3"
          onClick={() =>
            void sendCommand(deviceId, { name: "ping", parameters: { from: "partner-hub-checklist" } }).then(
              (sent) => toast.success(sent.message),
              (error: unknown) => toast.error((error as Error).message),
            )
          }
        >
          Send a test command
        </Button>
      ) : null}
    </section>
  );
}
