"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { revokeHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { revokeHardwareKeyAction } from "@/lib/server/actions/hardware-keys/revoke-hardware-key-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { AlertDialog, AlertDialogCancel, AlertDialogContent, AlertDialogTrigger } from "@/components/ui/alert-dialog";

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
        <form action={form.formAction} onSubmit={form.onSubmit}>
          <input type="hidden" name="keyId" value={keyId} />
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
            <Button type="submit" variant="danger" disabled={form.isPending}>
              {form.isPending ? "Revoking…" : "Revoke key"}
            </Button>
          </div>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
