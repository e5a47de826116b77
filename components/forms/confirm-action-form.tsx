"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { AlertDialogCancel } from "@/components/ui/alert-dialog";

type FormState = {
  formAction: (formData: FormData) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  isPending: boolean;
  formMessage: string | null;
};

/**
 * The body of a confirmation dialog that runs a server action: hidden fields,
 * the action's refusal if any, Cancel and the confirming button.
 */
export function ConfirmActionForm({
  form,
  fields,
  submitLabel,
  pendingLabel,
  isDanger = false,
}: {
  form: FormState;
  fields: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  isDanger?: boolean;
}) {
  return (
    <form action={form.formAction} onSubmit={form.onSubmit}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {form.formMessage ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {form.formMessage}
        </p>
      ) : null}
      <div className="mt-6 flex justify-end gap-2">
        <AlertDialogCancel asChild>
          <Button type="button" variant="secondary">
            Cancel
          </Button>
        </AlertDialogCancel>
        <Button type="submit" variant={isDanger ? "danger" : "primary"} disabled={form.isPending}>
          {form.isPending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </form>
  );
}
