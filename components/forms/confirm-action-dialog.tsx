"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, type ReactNode } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { AlertDialog, AlertDialogContent, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { ConfirmActionForm } from "./confirm-action-form";
import { useFormAction } from "./use-form-action";

/**
 * A button that asks first, then runs a server action on `fields`. When the
 * action refuses, the dialog stays open and says why; when it succeeds, the
 * dialog closes and the page refreshes, or goes to `thenGoTo`.
 */
export function ConfirmActionDialog<T>({
  trigger,
  title,
  description,
  action,
  schema,
  fields,
  submitLabel,
  pendingLabel,
  isDanger = false,
  thenGoTo,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  action: (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
  schema: z.ZodType;
  fields: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  isDanger?: boolean;
  thenGoTo?: string;
}) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const onSuccess = useCallback(() => {
    setIsOpen(false);
    if (thenGoTo) router.push(thenGoTo);
    else router.refresh();
  }, [router, thenGoTo]);
  const form = useFormAction(action, { schema, onSuccess });
  return (
    <AlertDialog open={isOpen} onOpenChange={setIsOpen}>
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent title={title} description={description}>
        <ConfirmActionForm
          form={form}
          fields={fields}
          submitLabel={submitLabel}
          pendingLabel={pendingLabel}
          isDanger={isDanger}
        />
      </AlertDialogContent>
    </AlertDialog>
  );
}
