"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { revokeHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { revokeHardwareKeyAction } from "@/lib/server/actions/hardware-keys/revoke-hardware-key-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { AlertDialog, AlertDialogContent, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { ConfirmActionForm } from "@/components/forms/confirm-action-form";

/** Revokes after an explicit confirmation; on failure the dialog stays open and says why. */
export function RevokeHardwareKeyButton({ keyId, label }: { keyId: string; label: string }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const onSuccess = useCallback(() => {
    setIsOpen(false);
    router.refresh();
  }, [router]);
  const form = useFormAction(revokeHardwareKeyAction, { schema: revokeHardwareKeySchema, onSuccess });
  return (
    <AlertDialog open={isOpen} onOpenChange={setIsOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Revoke ${label}`}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title={`Revoke "${label}"?`}
        description="Firmware using this key can no longer register new devices. Devices it already registered keep working. This cannot be undone."
      >
        <ConfirmActionForm form={form} fields={{ keyId }} submitLabel="Revoke key" pendingLabel="Revoking…" isDanger />
      </AlertDialogContent>
    </AlertDialog>
  );
}
