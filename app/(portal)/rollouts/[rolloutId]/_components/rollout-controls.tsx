"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { rolloutControlSchema } from "@/lib/schemas/rollout";
import { controlRolloutAction } from "@/lib/server/actions/rollouts/control-rollout-action";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";

/** Pause or resume at once; cancelling asks first (its devices are released and not told). */
export function RolloutControls({ rolloutId, status }: { rolloutId: string; status: string }) {
  const router = useRouter();
  const onSuccess = useCallback(() => router.refresh(), [router]);
  const form = useFormAction(controlRolloutAction, { schema: rolloutControlSchema, onSuccess });
  if (status !== "running" && status !== "paused") return null;
  const control = status === "running" ? "pause" : "resume";
  return (
    <div className="flex items-center gap-2">
      <form action={form.formAction} onSubmit={form.onSubmit}>
        <input type="hidden" name="rolloutId" value={rolloutId} />
        <input type="hidden" name="control" value={control} />
        <Button type="submit" variant="secondary" disabled={form.isPending}>
          {control === "pause" ? "Pause" : "Resume"}
        </Button>
      </form>
      <ConfirmActionDialog
        trigger={
          <Button variant="ghost" className="text-red-700 hover:bg-red-50">
            Cancel rollout
          </Button>
        }
        title="Cancel this rollout?"
        description="Devices not yet told are left alone; those updating now may still finish. A cancelled rollout cannot be resumed."
        action={controlRolloutAction}
        schema={rolloutControlSchema}
        fields={{ rolloutId, control: "cancel" }}
        submitLabel="Cancel rollout"
        pendingLabel="Cancelling…"
        isDanger
      />
      {form.formMessage ? (
        <p role="alert" className="text-sm text-red-700">
          {form.formMessage}
        </p>
      ) : null}
    </div>
  );
}
