"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { formDataToObject, type ActionResult, type FieldErrors } from "@/lib/action-result";
import { toast } from "@/components/ui/toaster";

type Options<T> = {
  /** The shared zod schema: checked in the browser first, then again on the server. */
  schema?: z.ZodType;
  onSuccess?: (data: T) => void;
  /** Toast the action's success message (default true). */
  isToastOnSuccess?: boolean;
};

/**
 * Runs a server action from a form and gives back what the form shows:
 * field errors (from the browser check or the server), the form message,
 * and whether it is pending. Success toasts and calls onSuccess once.
 */
export function useFormAction<T>(
  action: (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>,
  { schema, onSuccess, isToastOnSuccess = true }: Options<T> = {},
) {
  const [result, formAction, isPending] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const handled = useRef<ActionResult<T> | null>(null);

  useEffect(() => {
    if (!result || handled.current === result) return;
    handled.current = result;
    if (result.ok) {
      if (isToastOnSuccess && result.message) toast.success(result.message);
      onSuccess?.(result.data);
    }
  }, [result, onSuccess, isToastOnSuccess]);

  // With JavaScript, submit through a transition instead of the form's action:
  // React resets a form after its action runs, which would wipe what the user
  // typed whenever the server refuses it. The `action` prop stays as the no-JS path.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const parsed = schema?.safeParse(formDataToObject(formData));
    if (parsed && !parsed.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
      setClientErrors(errors);
      return;
    }
    setClientErrors(null);
    startTransition(() => formAction(formData));
  }

  const serverErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const fieldErrors: FieldErrors = clientErrors ?? serverErrors;
  const formMessage = clientErrors ? null : result && !result.ok ? result.message : null;
  return {
    formAction,
    onSubmit,
    isPending,
    fieldErrors,
    formMessage,
    /** The last success's message, for forms that show it in place rather than as a toast. */
    successMessage: result?.ok && !clientErrors ? (result.message ?? null) : null,
  };
}
