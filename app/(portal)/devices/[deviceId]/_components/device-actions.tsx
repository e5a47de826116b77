"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { can, type Role } from "@/lib/auth/policy";
import { deleteDeviceAction } from "@/lib/server/actions/devices/delete-device-action";
import { rotateDeviceKeyAction } from "@/lib/server/actions/devices/rotate-device-key-action";
import { setDeviceEnabledAction } from "@/lib/server/actions/devices/set-device-enabled-action";
import { ConfirmActionForm } from "@/components/forms/confirm-action-form";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { AlertDialog, AlertDialogCancel, AlertDialogContent, AlertDialogTrigger } from "@/components/ui/alert-dialog";

/** Rotate the key, disable or enable, delete, as the role allows: each reaches the hub before it returns. */
export function DeviceActions({
  device,
  role,
}: {
  device: { id: string; sn: string; isEnabled: boolean };
  role: Role;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      {can(role, "device.rotate") ? <RotateKey deviceId={device.id} /> : null}
      {can(role, "device.disable") ? <ToggleEnabled deviceId={device.id} isEnabled={device.isEnabled} /> : null}
      {can(role, "device.delete") ? <DeleteDevice deviceId={device.id} sn={device.sn} /> : null}
    </div>
  );
}

function RotateKey({ deviceId }: { deviceId: string }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [newKey, setNewKey] = useState<string | null>(null);
  const onSuccess = useCallback(
    (data: { accessKey: string }) => {
      setNewKey(data.accessKey);
      router.refresh();
    },
    [router],
  );
  const form = useFormAction(rotateDeviceKeyAction, { onSuccess });
  return (
    <AlertDialog
      open={isOpen}
      onOpenChange={(open) => {
        setIsOpen(open);
        if (!open) setNewKey(null);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="secondary">Rotate access key</Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title={newKey ? "New access key" : "Rotate the access key?"}
        description={
          newKey
            ? "Copy it to the device now: it won't be shown again."
            : "The current key stops working at once and a session using it is disconnected."
        }
      >
        {newKey ? (
          <div className="mt-4 flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
            <code data-testid="rotated-access-key" className="flex-1 font-mono text-sm break-all">
              {newKey}
            </code>
            <CopyButton value={newKey} label="new access key" />
          </div>
        ) : (
          <ConfirmActionForm form={form} fields={{ deviceId }} submitLabel="Rotate key" pendingLabel="Rotating…" />
        )}
        {newKey ? (
          <div className="mt-6 flex justify-end">
            <AlertDialogCancel asChild>
              <Button type="button">Done</Button>
            </AlertDialogCancel>
          </div>
        ) : null}
      </AlertDialogContent>
    </AlertDialog>
  );
}

function ToggleEnabled({ deviceId, isEnabled }: { deviceId: string; isEnabled: boolean }) {
  const router = useRouter();
  const onSuccess = useCallback(() => router.refresh(), [router]);
  const form = useFormAction(setDeviceEnabledAction, { onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit}>
      <input type="hidden" name="deviceId" value={deviceId} />
      <input type="hidden" name="isEnabled" value={isEnabled ? "false" : "true"} />
      <Button type="submit" variant="secondary" disabled={form.isPending}>
        {isEnabled ? "Disable" : "Enable"}
      </Button>
    </form>
  );
}

function DeleteDevice({ deviceId, sn }: { deviceId: string; sn: string }) {
  const form = useFormAction(deleteDeviceAction);
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" className="text-red-700 hover:bg-red-50">
          Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title={`Delete device ${sn}?`}
        description="Its credentials stop working at once and it disappears from the portal. Its audit trail is kept. This cannot be undone."
      >
        <ConfirmActionForm
          form={form}
          fields={{ deviceId }}
          submitLabel="Delete device"
          pendingLabel="Deleting…"
          isDanger
        />
      </AlertDialogContent>
    </AlertDialog>
  );
}
