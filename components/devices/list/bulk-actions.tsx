"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { bulkChangeDevicesAction } from "@/lib/server/actions/devices/bulk-change-devices-action";
import { ConfirmActionForm } from "@/components/forms/confirm-action-form";
import { useFormAction } from "@/components/forms/use-form-action";
import { AlertDialog, AlertDialogContent, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

type Action = "disable" | "enable" | "delete";

const COPY: Record<
  Action,
  { button: string; title: (n: string) => string; description: string; submit: string; pending: string }
> = {
  disable: {
    button: "Disable",
    title: (n) => `Disable ${n}?`,
    description:
      "Their credentials stop working at once and connected ones are disconnected. You can enable them again.",
    submit: "Disable",
    pending: "Disabling…",
  },
  enable: {
    button: "Enable",
    title: (n) => `Enable ${n}?`,
    description: "They can connect again with their current access keys.",
    submit: "Enable",
    pending: "Enabling…",
  },
  delete: {
    button: "Delete",
    title: (n) => `Delete ${n}?`,
    description:
      "Their credentials stop working at once and they disappear from the portal. Their audit trail is kept. This cannot be undone.",
    submit: "Delete",
    pending: "Deleting…",
  },
};

/** Disable, enable or delete the selected devices, each after a confirmation that names the count. */
export function BulkActions({ selectedIds, onDone }: { selectedIds: string[]; onDone: () => void }) {
  const count = selectedIds.length;
  return (
    <div aria-label="Bulk actions" role="toolbar" className="mb-2 flex min-h-9 items-center gap-2 text-sm">
      {count === 0 ? (
        <span className="text-slate-500">Select devices to disable, enable or delete them together.</span>
      ) : (
        <>
          <span className="font-medium text-slate-800">{count} selected</span>
          {(["disable", "enable", "delete"] as const).map((action) => (
            <BulkAction key={action} action={action} deviceIds={selectedIds} onDone={onDone} />
          ))}
        </>
      )}
    </div>
  );
}

function BulkAction({ action, deviceIds, onDone }: { action: Action; deviceIds: string[]; onDone: () => void }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const onSuccess = useCallback(() => {
    setIsOpen(false);
    onDone();
    router.refresh();
  }, [onDone, router]);
  const form = useFormAction(bulkChangeDevicesAction, { onSuccess });
  const copy = COPY[action];
  const noun = `${deviceIds.length} device${deviceIds.length === 1 ? "" : "s"}`;
  return (
    <AlertDialog open={isOpen} onOpenChange={setIsOpen}>
      <AlertDialogTrigger asChild>
        <Button
          type="button"
          size="sm"
          variant={action === "delete" ? "ghost" : "secondary"}
          className={action === "delete" ? "text-red-700 hover:bg-red-50" : undefined}
        >
          {copy.button}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent title={copy.title(noun)} description={copy.description}>
        <ConfirmActionForm
          form={form}
          fields={{ action, deviceIds: deviceIds.join(",") }}
          submitLabel={`${copy.submit} ${noun}`}
          pendingLabel={copy.pending}
          isDanger={action !== "enable"}
        />
      </AlertDialogContent>
    </AlertDialog>
  );
}
