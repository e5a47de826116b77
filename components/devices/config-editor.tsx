"use client";

import { useMemo, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { configTextSchema } from "@/lib/schemas/device-config";
import { useFormAction } from "@/components/forms/use-form-action";
import { FieldErrors, FormMessage } from "@/components/ui/form-field";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";

/**
 * A JSON config editor that runs a server action: the text is checked as you
 * type (a JSON object of at most 64 KiB) and again on the server.
 */
export function ConfigEditor<T>({
  id,
  label,
  hint,
  initial,
  fields,
  action,
  submitLabel,
  isEmptyAllowed = false,
  onSaved,
}: {
  id: string;
  label: string;
  hint: string;
  initial: string;
  fields: Record<string, string>;
  action: (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
  submitLabel: string;
  isEmptyAllowed?: boolean;
  onSaved?: (data: T) => void;
}) {
  const [text, setText] = useState(initial);
  const form = useFormAction(action, onSaved ? { onSuccess: onSaved } : {});
  const problem = useMemo(() => {
    if (isEmptyAllowed && text.trim() === "") return null;
    const parsed = configTextSchema.safeParse(text);
    return parsed.success ? null : (parsed.error.issues[0]?.message ?? "invalid");
  }, [text, isEmptyAllowed]);
  const errors = form.fieldErrors.config ?? (problem && text !== initial ? [problem] : undefined);
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <Textarea
        id={id}
        name="config"
        rows={Math.min(16, Math.max(5, text.split("\n").length + 1))}
        value={text}
        onChange={(event) => setText(event.target.value)}
        spellCheck={false}
        aria-invalid={Boolean(errors)}
        aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ""}`}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      <FieldErrors id={`${id}-error`} errors={errors} />
      <FormMessage message={form.formMessage} />
      <Button type="submit" disabled={form.isPending || Boolean(problem) || text === initial}>
        {form.isPending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
